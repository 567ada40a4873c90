/**
 * A non-blocking client for the Gradio queue protocol (Gradio 4.9 to 6; protocols sse_v1 to sse_v3) on Vert.x 5 and
 * Jackson.
 *
 * <p>Entry points: {@link dev.g4j.gradio.GradioClient} (build once, share, close at the end),
 * {@link dev.g4j.gradio.GradioConfig} (discovery from {@code /config}), {@link dev.g4j.gradio.GradioRequest} and
 * {@link dev.g4j.gradio.GradioCall} (a cold {@link java.util.concurrent.Flow.Publisher} of
 * {@link dev.g4j.gradio.GradioEvent}s). {@link dev.g4j.gradio.GradioStreamDecoder} decodes
 * recorded streams without a server.
 *
 * <p>Failures are {@link dev.g4j.gradio.GradioException} subtypes: {@code GradioRateLimitException} (429, or 503
 * queue full/stopped), {@code GradioStatusException} (other statuses), {@code GradioProtocolException} (missing
 * event id, malformed JSON, oversized event or body, unreadable edits; {@code GradioRedirectException} for a
 * redirect to another origin), {@code GradioRemoteException} ({@code success:false}, {@code unexpected_error}),
 * {@code GradioConnectionException} (unreachable host, dropped stream), {@code GradioTimeoutException} (CONNECT,
 * IDLE, TOTAL) and {@code GradioClosedException}. The protocol as this client implements it is described in
 * {@code docs/gradio-protocol.md} of the repository.
 */
package dev.g4j.gradio;
