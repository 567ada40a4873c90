package dev.g4j.provider.api;

import dev.g4j.provider.api.flow.ChunkEmitter;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The publisher behind {@link AsyncResult#create(Consumer)}: on subscription it runs the producer with a
 * {@link ChunkSink} backed by a {@link ChunkEmitter}.
 */
final class SinkResult implements Flow.Publisher<ResponseChunk> {
    private final Consumer<? super ChunkSink> producer;

    SinkResult(Consumer<? super ChunkSink> producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> subscriber) {
        EmitterSink sink = new EmitterSink(subscriber);
        sink.start();
        try {
            producer.accept(sink);
        } catch (Throwable t) {
            sink.fail(t);
        }
    }
}
