/**
 * A non-blocking client for the Gradio queue protocol (Gradio 4.9 to 6; protocols sse_v1 to sse_v3) on Vert.x 5 and
 * Jackson.
 *
 * <p>Entry points: {@link dev.g4j.gradio.GradioClient} (build once, share, close at the end),
 * {@link dev.g4j.gradio.GradioConfig} (discovery from {@code /config}), {@link dev.g4j.gradio.GradioRequest} and
 * {@link dev.g4j.gradio.GradioCall} (a cold {@link java.util.concurrent.Flow.Publisher} of
 * {@link dev.g4j.gradio.GradioEvent}s). {@link dev.g4j.sse.SseParser} and {@link dev.g4j.gradio.DiffApplier} are
 * reusable on their own.
 *
 * <p>Failures are {@link dev.g4j.provider.api.ProviderException} subtypes: {@code RateLimitException} (join 429, or
 * 503 queue full/stopped), {@code ResponseStatusException} (other statuses), {@code UpstreamProtocolException}
 * (missing event id, malformed JSON, oversized event, unreadable edits), {@code RemoteProcessException}
 * ({@code success:false}, {@code unexpected_error}), {@code UpstreamConnectionException} (unreachable host, dropped
 * stream) and {@code ProviderTimeoutException} (CONNECT, IDLE, TOTAL).
 */
package dev.g4j.gradio;
