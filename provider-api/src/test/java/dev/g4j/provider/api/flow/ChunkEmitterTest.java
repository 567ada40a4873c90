package dev.g4j.provider.api.flow;

import dev.g4j.provider.api.RecordingSubscriber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkEmitterTest {

    /** Counts the producer callbacks. */
    static final class CountingListener implements ChunkEmitter.Listener {
        final AtomicInteger ready = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        @Override
        public void onReady() {
            ready.incrementAndGet();
        }

        @Override
        public void onStop() {
            stops.incrementAndGet();
        }
    }

    @Test
    void requestOneGivesExactlyOneItem() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        CountingListener l = new CountingListener();
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        assertThat(e.emit("a")).isTrue();
        e.emit("b");
        e.emit("c");
        assertThat(s.items).isEmpty();
        s.subscription.request(1);
        assertThat(s.items).containsExactly("a");
        assertThat(e.buffered()).isEqualTo(2);
        assertThat(e.demand()).isZero();
        s.subscription.request(1);
        assertThat(s.items).containsExactly("a", "b");
        assertThat(l.ready.get()).isZero();
    }

    @Test
    void asksTheProducerOnlyWhenDemandMeetsAnEmptyBuffer() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        CountingListener l = new CountingListener();
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        assertThat(l.ready.get()).isZero();
        s.subscription.request(2);
        assertThat(l.ready.get()).isEqualTo(1);
        e.emit("x");
        assertThat(s.items).containsExactly("x");
        assertThat(l.ready.get()).isEqualTo(2);
    }

    @Test
    void signalsReadyOncePerDemandEvenWhenARequestArrivesDuringDelivery() {
        CountingListener l = new CountingListener();
        AtomicReference<ChunkEmitter<String>> holder = new AtomicReference<>();
        Flow.Subscriber<String> requestsOnEachItem = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
            }

            @Override
            public void onNext(String item) {
                holder.get().request(1);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        };
        holder.set(new ChunkEmitter<>(requestsOnEachItem, l));
        holder.get().start();
        holder.get().request(1);
        assertThat(l.ready.get()).isEqualTo(1);
        holder.get().request(1);
        assertThat(l.ready.get()).as("no new signal while the producer still owes an item").isEqualTo(1);
        holder.get().emit("a");
        assertThat(l.ready.get()).as("one signal for the demand left after the delivery").isEqualTo(2);
        holder.get().drain();
        assertThat(l.ready.get()).as("an explicit drain re-arms").isEqualTo(3);
    }

    @Test
    void requestZeroFailsWithIllegalArgument() throws Exception {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        CountingListener l = new CountingListener();
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        s.subscription.request(0);
        s.await();
        assertThat(s.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        assertThat(l.stops.get()).isEqualTo(1);
    }

    @Test
    void requestZeroFailsEvenWhenACompletionWaitsForDemand() throws Exception {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        e.start();
        e.emit("buffered");
        e.complete();
        s.subscription.request(-1);
        s.await();
        assertThat(s.error).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.completed).isFalse();
        assertThat(s.items).isEmpty();
    }

    @Test
    void cancelCallsOnStopOnceAndStopsDelivery() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        CountingListener l = new CountingListener();
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        e.emit("a");
        s.subscription.cancel();
        s.subscription.cancel();
        assertThat(l.stops.get()).isEqualTo(1);
        assertThat(e.isCancelled()).isTrue();
        assertThat(e.isDone()).isTrue();
        assertThat(e.emit("b")).isFalse();
        s.subscription.request(10);
        e.complete();
        assertThat(s.items).isEmpty();
        assertThat(s.terminalSignals.get()).isZero();
        assertThat(e.buffered()).isZero();
    }

    @Test
    void deliversExactlyOneTerminalSignalAfterTheBufferedItems() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        CountingListener l = new CountingListener();
        ChunkEmitter<String> e = new ChunkEmitter<>(s, l);
        e.start();
        e.emit("a");
        e.complete();
        e.fail(new IllegalStateException("late"));
        e.complete();
        assertThat(s.terminalSignals.get()).isZero();
        s.subscription.request(1);
        assertThat(s.items).containsExactly("a");
        assertThat(s.completed).isTrue();
        assertThat(s.error).isNull();
        e.failNow(new IllegalStateException("later"));
        s.subscription.cancel();
        assertThat(s.terminalSignals.get()).isEqualTo(1);
        assertThat(l.stops.get()).isEqualTo(1);
    }

    @Test
    void failNowDiscardsTheBuffer() {
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        ChunkEmitter<String> e = new ChunkEmitter<>(s, new CountingListener());
        e.start();
        e.emit("a");
        e.failNow(new IllegalStateException("stop"));
        assertThat(s.items).isEmpty();
        assertThat(s.error).hasMessage("stop");
    }

    @Test
    void signalsAreNotReentrant() {
        List<String> order = new ArrayList<>();
        AtomicReference<ChunkEmitter<String>> holder = new AtomicReference<>();
        Flow.Subscriber<String> reentrant = new Flow.Subscriber<>() {
            Flow.Subscription sub;
            int depth;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                sub = s;
            }

            @Override
            public void onNext(String item) {
                depth++;
                order.add("start " + item + " depth " + depth);
                sub.request(1);
                if (item.equals("a")) {
                    holder.get().emit("b");
                }
                order.add("end " + item);
                depth--;
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        };
        holder.set(new ChunkEmitter<>(reentrant, new CountingListener()));
        holder.get().start();
        holder.get().emit("a");
        reentrant.onSubscribe(holder.get());
        holder.get().request(1);
        assertThat(order).containsExactly("start a depth 1", "end a", "start b depth 1", "end b");
    }

    @Test
    void concurrentEmitAndRequestNeverDuplicateLoseOrReorder() throws Exception {
        int producers = 4;
        int perProducer = 5_000;
        int requesters = 3;
        int total = producers * perProducer;
        AtomicBoolean inOnNext = new AtomicBoolean();
        AtomicBoolean overlap = new AtomicBoolean();
        Map<Integer, Integer> lastSeq = new HashMap<>();
        AtomicInteger received = new AtomicInteger();
        AtomicBoolean disorder = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Flow.Subscriber<int[]> subscriber = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
            }

            @Override
            public void onNext(int[] item) {
                if (!inOnNext.compareAndSet(false, true)) {
                    overlap.set(true);
                }
                Integer prev = lastSeq.put(item[0], item[1]);
                if (item[1] != (prev == null ? 0 : prev + 1)) {
                    disorder.set(true);
                }
                received.incrementAndGet();
                inOnNext.set(false);
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        };
        ChunkEmitter<int[]> e = new ChunkEmitter<>(subscriber, new CountingListener());
        e.start();
        ExecutorService pool = Executors.newFixedThreadPool(producers + requesters);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int p = 0; p < producers; p++) {
                int id = p;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perProducer; i++) {
                        e.emit(new int[] {id, i});
                    }
                    return null;
                }));
            }
            for (int r = 0; r < requesters; r++) {
                int share = total / requesters + (r == 0 ? total % requesters : 0);
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < share; i++) {
                        e.request(1);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(20, TimeUnit.SECONDS);
            }
            e.complete();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlap).isFalse();
        assertThat(disorder).isFalse();
        assertThat(received.get()).isEqualTo(total);
        assertThat(lastSeq).hasSize(producers).allSatisfy((k, v) -> assertThat(v).isEqualTo(perProducer - 1));
        assertThat(e.buffered()).isZero();
        assertThat(e.demand()).isZero();
    }
}
