package dev.g4j.provider.api;

import dev.g4j.provider.api.flow.ChunkEmitter;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/** A publisher the test drives by hand through {@link #emitter}; counts readiness and records stop. */
public class ManualPublisher implements Flow.Publisher<ResponseChunk> {
    public volatile ChunkEmitter<ResponseChunk> emitter;
    public final CountDownLatch stopped = new CountDownLatch(1);
    public final AtomicInteger ready = new AtomicInteger();

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> subscriber) {
        emitter = new ChunkEmitter<>(subscriber, new ChunkEmitter.Listener() {
            @Override
            public void onReady() {
                ready.incrementAndGet();
            }

            @Override
            public void onStop() {
                stopped.countDown();
            }
        });
        emitter.start();
    }
}
