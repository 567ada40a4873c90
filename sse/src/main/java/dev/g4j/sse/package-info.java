/**
 * An incremental {@code text/event-stream} parser with no dependencies: {@link dev.g4j.sse.SseParser} turns bytes,
 * split anywhere, into {@link dev.g4j.sse.SseEvent}s. It handles LF, CRLF and CR line ends (unlike Vert.x's
 * {@code BodyCodec.sseStream}, which mis-parses CRLF) and bounds the size of one event.
 */
package dev.g4j.sse;
