package dev.g4j.provider.api.flow;

import dev.g4j.provider.api.RecordingSubscriber;
import dev.g4j.provider.api.flow.ChunkEmitterTest.CountingListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emitter's direct hand-over: an item emitted while nothing is buffered and the subscriber has demand goes to
 * it at once. These tests pin the Reactive Streams rules on that path.
 */
class ChunkEmitterDirectDeliveryTest {

    /** A subscriber that records signals and runs an action inside each onNext. */
    static final class Scripted implements Flow.Subscriber<String> {
        final List<String> log = new ArrayList<>();
        final BiConsumer<Scripted, String> onItem;
        Flow.Subscription sub;
        int depth;
        int terminals;

        Scripted(BiConsumer<Scripted, String> onItem) {
            this.onItem = onItem;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            sub = s;
        }

        @Override
        public void onNext(String item) {
            depth++;
            log.add("start " + item + (depth > 1 ? " re-entered" : ""));
            onItem.accept(this, item);
            log.add("end " + item);
            depth--;
        }

        @Override
        public void onError(Throwable t) {
            terminals++;
            log.add("error " + t.getMessage());
        }

        @Override
        public void onComplete() {
            terminals++;
            log.add("complete");
        }
    }

    @Test
    void anItemMeetingDemandIsDeliveredAtOnceAndTheProducerIsAskedForMore() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(2);
        CountingListener l = new CountingListener();
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        assertThat(l.ready.get()).isEqualTo(1);
        assertThat(e.emit("a")).isTrue();
        assertThat(s.items).containsExactly("a");
        assertThat(e.buffered()).isZero();
        assertThat(e.demand()).isEqualTo(1);
        assertThat(l.ready.get()).isEqualTo(2);
        e.emit("b");
        assertThat(s.items).containsExactly("a", "b");
        assertThat(e.demand()).isZero();
        assertThat(l.ready.get()).isEqualTo(2);
        e.emit("c");
        assertThat(s.items).containsExactly("a", "b");
        assertThat(e.buffered()).isEqualTo(1);
    }

    @Test
    void unboundedDemandStaysUnbounded() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        e.start();
        for (int i = 0; i < 100; i++) {
            e.emit("x" + i);
        }
        assertThat(s.items).hasSize(100);
        assertThat(e.demand()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRequestAndAnEmitInsideOnNextNeverReenter() {
        AtomicReference<ChunkEmitter<String>> holder = new AtomicReference<>();
        Scripted s = new Scripted((self, item) -> {
            if (item.equals("a")) {
                self.sub.request(1);
                holder.get().emit("b");
                self.log.add("emitted b");
            }
        });
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        holder.set(e);
        e.start();
        e.request(1);
        e.emit("a");
        assertThat(s.log).containsExactly("start a", "emitted b", "end a", "start b", "end b");
        assertThat(e.demand()).isZero();
        assertThat(e.buffered()).isZero();
    }

    @Test
    void aRequestInsideOnNextAllowsExactlyOneMore() {
        Scripted s = new Scripted((self, item) -> self.sub.request(1));
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        e.start();
        e.request(1);
        for (String item : List.of("a", "b", "c")) {
            e.emit(item);
        }
        assertThat(s.log).containsExactly("start a", "end a", "start b", "end b", "start c", "end c");
        assertThat(e.demand()).isEqualTo(1);
    }

    @Test
    void cancelInsideOnNextStopsEverythingAndSignalsNoTerminal() {
        CountingListener l = new CountingListener();
        Scripted s = new Scripted((self, item) -> self.sub.cancel());
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        e.request(10);
        assertThat(e.emit("a")).isTrue();
        assertThat(e.emit("b")).isFalse();
        e.complete();
        assertThat(s.log).containsExactly("start a", "end a");
        assertThat(s.terminals).isZero();
        assertThat(l.stops.get()).isEqualTo(1);
        assertThat(e.isCancelled()).isTrue();
    }

    @Test
    void demandExhaustedMidStreamThenResumedKeepsTheOrder() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(2);
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        e.start();
        for (String item : List.of("a", "b", "c", "d")) {
            e.emit(item);
        }
        assertThat(s.items).containsExactly("a", "b");
        assertThat(e.buffered()).isEqualTo(2);
        s.subscription.request(1);
        assertThat(s.items).containsExactly("a", "b", "c");
        e.emit("e"); // demand is zero and d waits: e queues behind it
        s.subscription.request(5);
        assertThat(s.items).containsExactly("a", "b", "c", "d", "e");
        assertThat(e.demand()).isEqualTo(3);
        e.emit("f"); // nothing waits now: straight through
        assertThat(s.items).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(e.buffered()).isZero();
    }

    @Test
    void anErrorAfterDeliveredTextIsTheOneTerminalSignal() {
        Scripted s = new Scripted((self, item) -> { });
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        e.start();
        e.request(5);
        e.emit("a");
        e.emit("b");
        e.fail(new IllegalStateException("boom"));
        e.complete();
        e.fail(new IllegalStateException("again"));
        assertThat(e.emit("c")).isFalse();
        assertThat(s.log).containsExactly("start a", "end a", "start b", "end b", "error boom");
        assertThat(s.terminals).isEqualTo(1);
    }

    @Test
    void anErrorWaitsForTextBufferedBeyondTheDemand() {
        Scripted s = new Scripted((self, item) -> { });
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        e.start();
        e.request(1);
        e.emit("a");
        e.emit("b");
        e.fail(new IllegalStateException("boom"));
        assertThat(s.log).containsExactly("start a", "end a");
        e.request(1);
        assertThat(s.log).containsExactly("start a", "end a", "start b", "end b", "error boom");
    }

    @Test
    void completingInsideOnNextEndsAfterTheCurrentItem() {
        AtomicReference<ChunkEmitter<String>> holder = new AtomicReference<>();
        Scripted s = new Scripted((self, item) -> holder.get().complete());
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        holder.set(e);
        e.start();
        e.request(3);
        e.emit("a");
        assertThat(e.emit("b")).isFalse();
        assertThat(s.log).containsExactly("start a", "end a", "complete");
        assertThat(s.terminals).isEqualTo(1);
    }

    @Test
    void theProducerIsAskedOnceForEachItemItEmitsWhileDemandLasts() {
        CountingListener l = new CountingListener();
        Scripted s = new Scripted((self, item) -> self.sub.request(1));
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        e.request(1);
        assertThat(l.ready.get()).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            e.emit("x" + i);
            assertThat(l.ready.get()).isEqualTo(i + 2);
        }
        assertThat(s.log).hasSize(10).doesNotContain("start x0 re-entered");
    }

    @Test
    void aDrainDuringDeliveryStillAsksTheProducerOnlyOnce() {
        CountingListener l = new CountingListener();
        AtomicReference<ChunkEmitter<String>> holder = new AtomicReference<>();
        Scripted s = new Scripted((self, item) -> holder.get().drain());
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        holder.set(e);
        e.start();
        e.request(5);
        assertThat(l.ready.get()).isEqualTo(1);
        e.emit("a");
        assertThat(l.ready.get()).isEqualTo(2);
        e.emit("b");
        assertThat(l.ready.get()).isEqualTo(3);
        assertThat(s.log).containsExactly("start a", "end a", "start b", "end b");
    }

    @Test
    void whenTheLastDemandIsUsedTheNextRequestAsksTheProducer() {
        CountingListener l = new CountingListener();
        RecordingSubscriber<String> s = new RecordingSubscriber<>(1);
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        assertThat(l.ready.get()).isEqualTo(1);
        e.emit("a");
        assertThat(l.ready.get()).as("no demand left: not asked").isEqualTo(1);
        s.subscription.request(1);
        assertThat(l.ready.get()).isEqualTo(2);
        e.emit("b");
        assertThat(s.items).containsExactly("a", "b");
    }
}
