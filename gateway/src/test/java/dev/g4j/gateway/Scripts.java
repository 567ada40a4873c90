package dev.g4j.gateway;

import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.UpstreamConnectionException;

/** Answers the fake providers give. */
final class Scripts {
    private Scripts() {
    }

    /** "Hello, world!" in three deltas, after some reasoning, with usage. */
    static final FakeProvider.Script HELLO = (sink, model) -> {
        sink.emit(ResponseChunk.reasoning("Thinking."));
        sink.emitText("Hello");
        sink.emitText(", ");
        sink.emitText("world!");
        sink.emit(ResponseChunk.usage(5, 3, 8));
        sink.complete();
    };

    /** Two deltas, then the upstream connection breaks. */
    static final FakeProvider.Script FAILS_MID_STREAM = (sink, model) -> {
        sink.emitText("Partial ");
        sink.emitText("answer");
        sink.fail(new UpstreamConnectionException("The upstream closed the connection in the middle of the answer"));
    };

    /** One delta, then nothing until cancelled. */
    static final FakeProvider.Script STALLS = (sink, model) -> sink.emitText("Thinking slowly");
}
