package dev.g4j.gradio;

import dev.g4j.gradio.internal.Checks;
import dev.g4j.gradio.internal.DiffScanner;
import dev.g4j.gradio.internal.EventDecoder;
import dev.g4j.gradio.internal.Message;
import dev.g4j.gradio.internal.Messages;
import dev.g4j.sse.SseEventTooLargeException;
import dev.g4j.sse.SseParser;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Decodes the bytes of a recorded {@code queue/data} stream of one event into {@link GradioEvent}s, without a
 * server: the same SSE framing, message reading and diff application a {@link GradioCall} uses, for replaying
 * captures, tests and benchmarks. Every message is taken to belong to the one event (its {@code event_id} is passed
 * on as is); heartbeats and {@code close_stream} are skipped.
 *
 * <pre>{@code
 * GradioStreamDecoder decoder = new GradioStreamDecoder(true, 16 << 20, event -> System.out.println(event));
 * decoder.feed(bytes, 0, bytes.length);
 * }</pre>
 *
 * <p>The {@link OutputState} of a {@link GradioEvent.Generating} is live: read it inside the consumer. Not
 * thread-safe.
 */
public final class GradioStreamDecoder {
    private final SseParser parser;
    private final EventDecoder decoder;
    private final Consumer<? super GradioEvent> sink;
    private final DiffScanner scanner = new DiffScanner();
    private long messages;

    /**
     * Makes a decoder.
     *
     * @param usesDiffs true when generating messages after the first carry edit lists (every protocol but
     *        {@code sse_v1}; see {@link GradioEndpoint#usesDiffs()})
     * @param maxEventBytes the largest SSE event accepted, at least 1024
     * @param sink receives each event, in stream order
     * @throws IllegalArgumentException when {@code maxEventBytes} is below 1024
     */
    public GradioStreamDecoder(boolean usesDiffs, int maxEventBytes, Consumer<? super GradioEvent> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.decoder = new EventDecoder("the recorded app", "(recorded)", usesDiffs);
        this.parser = SseParser.ofData(Checks.maxEventBytes(maxEventBytes), (b, off, len) -> {
            messages++;
            Message msg = Messages.header(scanner, b, off, len, "the recorded app");
            GradioEvent out = decoder.decode(msg, msg.eventId());
            if (out != null) {
                this.sink.accept(out);
            }
        });
    }

    /**
     * How many messages were read so far, including those that make no event (heartbeats, {@code close_stream}).
     *
     * @return the count of SSE events decoded
     */
    public long messages() {
        return messages;
    }

    /**
     * Decodes the next bytes of the stream; they may end anywhere, even inside a UTF-8 character.
     *
     * @param bytes the buffer
     * @param offset where the new bytes start
     * @param length how many bytes
     * @throws GradioProtocolException when an event is too large or not a readable message
     * @throws GradioRemoteException when a message reports a failure of the app
     */
    public void feed(byte[] bytes, int offset, int length) {
        try {
            parser.feed(bytes, offset, length);
        } catch (SseEventTooLargeException e) {
            throw new GradioProtocolException(e.getMessage(), e);
        }
    }
}
