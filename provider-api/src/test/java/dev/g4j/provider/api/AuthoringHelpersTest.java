package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AsyncResult#create}, {@link AsyncResult#fromBlocking} and {@link AsyncResult#fromIterator}. */
class AuthoringHelpersTest {

    @Test
    void theEchoProviderStreamsWordsThenOneFinish() throws Exception {
        AsyncResult r = new EchoProvider().createAsyncGenerator("echo", Messages.ofUser("a b c"));
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        r.subscribe(s);
        s.await();
        assertThat(s.snapshot()).containsExactly(ResponseChunk.text("a "), ResponseChunk.text("b "),
                ResponseChunk.text("c"), ResponseChunk.finish("stop"));
        assertThat(s.terminalSignals).hasValue(1);
    }

    @Test
    void createHonoursDemandAndKeepsOneFinishLast() throws Exception {
        AsyncResult r = AsyncResult.create(sink -> {
            sink.emitText("x");
            sink.emit(ResponseChunk.finish("length"));
            sink.emitText("after the end");
            sink.emit(ResponseChunk.finish("stop"));
            sink.complete();
        });
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(1);
        r.subscribe(s);
        assertThat(s.snapshot()).containsExactly(ResponseChunk.text("x"));
        s.subscription.request(10);
        s.await();
        assertThat(s.snapshot()).containsExactly(ResponseChunk.text("x"), ResponseChunk.finish("length"));
        assertThat(s.completed).isTrue();
    }

    @Test
    void createRunsTheCancelActionAndAThrowingProducerFailsTheStream() throws Exception {
        AtomicInteger cancels = new AtomicInteger();
        AsyncResult r = AsyncResult.create(sink -> sink.onCancel(cancels::incrementAndGet));
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(1);
        r.subscribe(s);
        s.subscription.cancel();
        s.subscription.cancel();
        assertThat(cancels).hasValue(1);

        RecordingSubscriber<ResponseChunk> f = new RecordingSubscriber<>(1);
        AsyncResult.create(sink -> {
            throw new ProviderNotWorkingException("boom");
        }).subscribe(f);
        f.await();
        assertThat(f.error).isInstanceOf(ProviderNotWorkingException.class).hasMessage("boom");
    }

    @Test
    void onDemandResumesAPausedProducer() throws Exception {
        AtomicInteger next = new AtomicInteger();
        AsyncResult r = AsyncResult.create(sink -> sink.onDemand(() -> {
            int i = next.getAndIncrement();
            if (i < 3) {
                sink.emitText("t" + i);
            } else {
                sink.complete();
            }
        }));
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(2);
        r.subscribe(s);
        assertThat(s.snapshot()).hasSize(2);
        assertThat(next.get()).isEqualTo(2);
        s.subscription.request(5);
        s.await();
        assertThat(s.snapshot()).extracting(Object::toString).hasSize(4);
    }

    @Test
    void aBlockingProducerWaitsForDemandAndACancelInterruptsIt() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicInteger produced = new AtomicInteger();
        AsyncResult r = AsyncResult.fromBlocking(null, sink -> {
            try {
                for (int i = 0; ; i++) {
                    if (!sink.emitText("t" + i)) {
                        sawCancel.set(sink.isCancelled());
                        return;
                    }
                    produced.incrementAndGet();
                }
            } finally {
                stopped.countDown();
            }
        });
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(3);
        r.subscribe(s);
        waitUntil(() -> s.snapshot().size() == 3);
        assertThat(produced.get()).isEqualTo(3);
        s.subscription.cancel();
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(produced.get()).isEqualTo(3);
        assertThat(s.terminalSignals).hasValue(0);
    }

    @Test
    void anIteratorIsDrainedThenClosedAndItsFailureIsReported() throws Exception {
        String text = AsyncResult.fromIterator(null, () -> List.of(ResponseChunk.text("a"), ResponseChunk.text("b"))
                .iterator()).text().get(10, TimeUnit.SECONDS);
        assertThat(text).isEqualTo("ab");

        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        AsyncResult.fromBlocking(Runnable::run, sink -> {
            sink.emitText("partial");
            throw new UpstreamConnectionException("the pipe broke");
        }).subscribe(s);
        s.await();
        assertThat(s.snapshot()).containsExactly(ResponseChunk.text("partial"));
        assertThat(s.error).isInstanceOf(UpstreamConnectionException.class);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
