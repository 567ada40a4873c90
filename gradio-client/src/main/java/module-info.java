/**
 * The Gradio queue client. Only {@code dev.g4j.gradio} is exported; the transport, session, call state machine,
 * message decoder and diff engine live in {@code dev.g4j.gradio.internal}, which no other module can read.
 */
module dev.g4j.gradio {
    requires transitive io.vertx.core;
    requires transitive com.fasterxml.jackson.databind;
    requires dev.g4j.sse;
    requires io.netty.transport;
    requires io.netty.common;
    requires io.netty.buffer;

    exports dev.g4j.gradio;
}
