package dev.g4j.provider.qwen25.soak;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.ResponseChunk;

import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One soak stream as its consumer sees it: what arrived, how and when it ended. The consumer's own pauses run on a
 * scheduler (a slow consumer requests its next chunk from there), never on the test thread.
 *
 * <p>The stream keeps no reference to the result or its subscription once it ended, so that the run can check that
 * nothing else keeps them either.
 */
final class SoakStream {
    final SoakPlan plan;
    /** Set by the simulator's fault selector when the join arrives. */
    volatile String sessionHash;
    long startNanos;
    long endNanos;
    Throwable error;
    boolean completed;
    boolean cancelled;
    boolean hung;
    /** A STALL stream whose idle limit ran out before the stall point (see SoakRunner#verify). */
    boolean earlyTimeout;
    int chunks;
    int texts;
    int queueStatuses;
    boolean replaced;
    boolean firstWasProviderInfo;
    ResponseChunk last;
    StringBuilder folded = new StringBuilder();
    /** Signals that arrived after cancel() or after a terminal signal: must stay zero. */
    final AtomicInteger lateSignals = new AtomicInteger();

    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private volatile ScheduledFuture<?> watchdog;
    private Consumer<SoakStream> onEnd;

    SoakStream(SoakPlan plan) {
        this.plan = plan;
    }

    /** Starts consuming; {@code onEnd} runs once, on whichever thread ends the stream (or on the watchdog's). */
    void start(AsyncResult result, ScheduledExecutorService scheduler, long budgetMillis, Consumer<SoakStream> onEnd) {
        this.onEnd = onEnd;
        startNanos = System.nanoTime();
        watchdog = scheduler.schedule(this::hang, budgetMillis, TimeUnit.MILLISECONDS);
        if (plan.consumer == SoakPlan.Consumer.TEXT) {
            result.text().whenComplete((text, failure) -> {
                if (failure != null) {
                    error = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                } else {
                    folded.append(text);
                    completed = true;
                }
                end();
            });
        } else {
            result.subscribe(new Reader(scheduler));
        }
    }

    private void hang() {
        Flow.Subscription s = subscription;
        if (!ended.get()) {
            hung = true;
            if (s != null) {
                s.cancel();
            }
            end();
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            endNanos = System.nanoTime();
            subscription = null;
            ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
            watchdog = null;
            Consumer<SoakStream> callback = onEnd;
            onEnd = null;
            callback.accept(this);
        }
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }

    /** The subscriber; signals are serial (Reactive Streams §1.3), the fields are published through onEnd's hand-off. */
    private final class Reader implements Flow.Subscriber<ResponseChunk> {
        private final ScheduledExecutorService scheduler;
        private boolean terminated;

        Reader(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(plan.consumer == SoakPlan.Consumer.FAST ? Long.MAX_VALUE : 1);
        }

        @Override
        public void onNext(ResponseChunk chunk) {
            if (terminated || cancelled || ended.get()) {
                lateSignals.incrementAndGet();
                return;
            }
            if (chunks++ == 0) {
                firstWasProviderInfo = chunk instanceof ResponseChunk.ProviderInfo;
            }
            last = chunk;
            if (chunk instanceof ResponseChunk.Text t) {
                folded.append(t.text());
                texts++;
            } else if (chunk instanceof ResponseChunk.TextReplaced r) {
                replaced = true;
                folded.setLength(0);
                folded.append(r.text());
            } else if (chunk instanceof ResponseChunk.QueueStatus) {
                queueStatuses++;
            }
            Flow.Subscription s = subscription;
            // a slow consumer may get several tokens merged into one Text: cancel once the text holds faultAt tokens
            if (plan.kind == SoakPlan.Kind.CANCEL && chunk instanceof ResponseChunk.Text
                    && folded.length() >= plan.prefix(plan.faultAt).length()) {
                cancelled = true;
                s.cancel();
                end();
            } else if (plan.consumer == SoakPlan.Consumer.SLOW && s != null) {
                scheduler.schedule(() -> s.request(1), plan.slowPauseMicros, TimeUnit.MICROSECONDS);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (terminated || cancelled || ended.get()) {
                lateSignals.incrementAndGet();
                return;
            }
            terminated = true;
            error = t;
            end();
        }

        @Override
        public void onComplete() {
            if (terminated || cancelled || ended.get()) {
                lateSignals.incrementAndGet();
                return;
            }
            terminated = true;
            completed = true;
            end();
        }
    }
}
