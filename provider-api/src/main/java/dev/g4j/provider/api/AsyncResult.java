package dev.g4j.provider.api;

import dev.g4j.provider.api.flow.SingleUsePublisher;

import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The streamed answer of one request: a cold, single-use {@link Flow.Publisher} of {@link ResponseChunk}s.
 * The request starts when the (only) subscriber subscribes; a second subscriber gets an
 * {@link IllegalStateException} through {@code onError}. Back-pressure is honoured ({@code request(1)} gives one
 * chunk) and {@code cancel()} stops the upstream work.
 *
 * <p>Three ways to consume it, pick one:
 * <pre>{@code
 * String answer = result.text().join();                        // the whole answer
 * try (Stream<ResponseChunk> chunks = result.stream()) {        // blocking, closing cancels
 *     chunks.forEach(System.out::println);
 * }
 * result.subscribe(mySubscriber);                               // reactive, with back-pressure
 * }</pre>
 */
public interface AsyncResult extends Flow.Publisher<ResponseChunk> {

    /**
     * Subscribes and completes with the whole answer: every {@link ResponseChunk.Text} concatenated, with
     * {@link ResponseChunk.TextReplaced} applied, so it is exactly the final text. Completes exceptionally with the
     * stream's error. Cancelling the future cancels the request.
     */
    default CompletableFuture<String> text() {
        TextCollector collector = new TextCollector();
        subscribe(collector);
        return collector.result();
    }

    /**
     * Subscribes and returns a blocking iterator that reads a few chunks ahead. Close it to cancel the request.
     */
    default ChunkIterator blockingIterator() {
        return new ChunkIterator(this);
    }

    /**
     * Subscribes and returns a sequential, blocking stream of the chunks. Closing the stream cancels the request,
     * so use try-with-resources. A failed request throws its {@link ProviderException} from the terminal operation.
     */
    default Stream<ResponseChunk> stream() {
        ChunkIterator iterator = blockingIterator();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(iterator::close);
    }

    /** Adapts any publisher of chunks; the result lets only its first subscriber through. */
    static AsyncResult from(Flow.Publisher<ResponseChunk> publisher) {
        Objects.requireNonNull(publisher, "publisher");
        if (publisher instanceof SingleUseResult) {
            return (SingleUseResult) publisher;
        }
        return new SingleUseResult(new SingleUsePublisher<>(publisher));
    }

    /** A result that fails with {@code error} as soon as it is subscribed to. */
    static AsyncResult failed(Throwable error) {
        Objects.requireNonNull(error, "error");
        return from(subscriber -> SingleUsePublisher.rejectSubscriber(subscriber, error));
    }

    /** A result that emits the given chunks, honouring demand, then completes. Handy for tests and stubs. */
    static AsyncResult of(ResponseChunk... chunks) {
        List<ResponseChunk> list = List.of(chunks);
        return from(new IterablePublisher(list));
    }
}
