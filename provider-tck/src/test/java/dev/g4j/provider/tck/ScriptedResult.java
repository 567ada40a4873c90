package dev.g4j.provider.tck;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.flow.SingleUsePublisher;

import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hand-written result that emits fixed chunks synchronously on request, with switches that break one rule each,
 * so that the TCK's self-test can prove each contract test catches its breach.
 */
final class ScriptedResult implements AsyncResult {
    /** The rule to break. */
    enum Breach { NONE, IGNORES_DEMAND, IGNORES_CANCEL, REUSABLE, COMPLETES_TWICE }

    private final List<ResponseChunk> chunks;
    private final Breach breach;
    private final AtomicBoolean used = new AtomicBoolean();

    ScriptedResult(List<ResponseChunk> chunks, Breach breach) {
        this.chunks = List.copyOf(chunks);
        this.breach = breach;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> subscriber) {
        if (used.getAndSet(true) && breach != Breach.REUSABLE) {
            SingleUsePublisher.rejectSubscriber(subscriber, new IllegalStateException("already subscribed"));
            return;
        }
        subscriber.onSubscribe(new Flow.Subscription() {
            private int index;
            private long demand;
            private boolean cancelled;
            private boolean done;

            @Override
            public synchronized void request(long n) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (done || cancelled && breach != Breach.IGNORES_CANCEL) {
                    return;
                }
                while (index < chunks.size() && (demand > 0 || breach == Breach.IGNORES_DEMAND)) {
                    demand--;
                    subscriber.onNext(chunks.get(index++));
                }
                if (index == chunks.size()) {
                    done = true;
                    subscriber.onComplete();
                    if (breach == Breach.COMPLETES_TWICE) {
                        subscriber.onComplete();
                    }
                }
            }

            @Override
            public synchronized void cancel() {
                cancelled = true;
            }
        });
    }
}
