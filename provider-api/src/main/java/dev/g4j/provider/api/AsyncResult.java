package dev.g4j.provider.api;

import dev.g4j.provider.api.flow.SingleUsePublisher;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
     * {@link ResponseChunk.TextReplaced} applied, so it is exactly the final text ({@link ResponseChunk.Reasoning}
     * is left out). Completes exceptionally with the stream's error. Cancelling the future cancels the request.
     *
     * @return the final answer, once the stream ends
     */
    default CompletableFuture<String> text() {
        TextCollector collector = new TextCollector();
        subscribe(collector);
        return collector.result();
    }

    /**
     * Subscribes and returns a blocking iterator that reads a few chunks ahead. Close it to cancel the request.
     *
     * @return the iterator
     */
    default ChunkIterator blockingIterator() {
        return new ChunkIterator(this);
    }

    /**
     * Subscribes and returns a sequential, blocking stream of the chunks. Closing the stream cancels the request,
     * so use try-with-resources. A failed request throws its {@link ProviderException} from the terminal operation.
     *
     * @return the chunks as a stream
     */
    default Stream<ResponseChunk> stream() {
        ChunkIterator iterator = blockingIterator();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(iterator::close);
    }

    /**
     * Adapts any publisher of chunks; the result lets only its first subscriber through.
     *
     * @param publisher the chunks
     * @return the result
     */
    static AsyncResult from(Flow.Publisher<ResponseChunk> publisher) {
        Objects.requireNonNull(publisher, "publisher");
        if (publisher instanceof SingleUseResult) {
            return (SingleUseResult) publisher;
        }
        return new SingleUseResult(new SingleUsePublisher<>(publisher));
    }

    /**
     * A result that fails with {@code error} as soon as it is subscribed to.
     *
     * @param error the failure
     * @return the result
     */
    static AsyncResult failed(Throwable error) {
        Objects.requireNonNull(error, "error");
        return from(subscriber -> SingleUsePublisher.rejectSubscriber(subscriber, error));
    }

    /**
     * A result that emits the given chunks, honouring demand, then completes. Handy for tests and stubs.
     *
     * @param chunks the chunks, in order
     * @return the result
     */
    static AsyncResult of(ResponseChunk... chunks) {
        List<ResponseChunk> list = List.of(chunks);
        return from(new IterablePublisher(list));
    }

    /**
     * The easy way to write a provider's answer: {@code producer} runs when the result is subscribed to and pushes
     * chunks into a {@link ChunkSink}, which buffers them for the subscriber, honours demand and cancellation, and
     * ends the stream with exactly one {@link ResponseChunk.Finish}. An exception thrown by {@code producer} fails
     * the stream.
     *
     * <pre>{@code
     * return AsyncResult.create(sink -> {
     *     httpClient.stream(request, line -> sink.emitText(line), sink::complete, sink::fail);
     *     sink.onCancel(request::abort);
     * });
     * }</pre>
     *
     * @param producer starts the work; runs on the subscribing thread, so it must not block
     * @return a cold, single-use result
     */
    static AsyncResult create(Consumer<? super ChunkSink> producer) {
        return from(new SinkResult(producer));
    }

    /**
     * An answer written as a blocking loop: {@code producer} runs on {@code executor} when the result is subscribed
     * to, and each {@link BlockingChunkSink#emit(ResponseChunk)} waits until the subscriber wants the chunk. A
     * cancel interrupts the producing thread.
     *
     * @param executor runs the producer; null for a new daemon thread per request
     * @param producer writes the answer
     * @return a cold, single-use result
     */
    static AsyncResult fromBlocking(Executor executor, BlockingProducer producer) {
        return from(new BlockingResult(executor, producer));
    }

    /**
     * An answer read from an iterator that may block in {@code hasNext()} or {@code next()}, such as the lines of a
     * process's output. The iterator is made on {@code executor} when the result is subscribed to; it is closed when
     * it is {@link AutoCloseable}.
     *
     * @param executor runs the iteration; null for a new daemon thread per request
     * @param chunks makes the iterator
     * @return a cold, single-use result
     */
    static AsyncResult fromIterator(Executor executor, Supplier<? extends Iterator<? extends ResponseChunk>> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return fromBlocking(executor, sink -> {
            Iterator<? extends ResponseChunk> it = chunks.get();
            try {
                while (!sink.isCancelled() && it.hasNext()) {
                    if (!sink.emit(it.next())) {
                        return;
                    }
                }
            } finally {
                if (it instanceof AutoCloseable) {
                    ((AutoCloseable) it).close();
                }
            }
        });
    }
}
