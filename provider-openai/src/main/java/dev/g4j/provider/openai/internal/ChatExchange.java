package dev.g4j.provider.openai.internal;

import dev.g4j.provider.api.ChunkSink;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.sse.SseEvent;
import dev.g4j.sse.SseEventTooLargeException;
import dev.g4j.sse.SseParser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One chat request and its answer, written into a {@link ChunkSink}. Owns the time limits (its own watchdogs: the
 * idle limit counts silence while the consumer is waiting, the total limit runs from the start), back-pressure
 * (the response is paused while the consumer wants nothing) and cancellation (the upstream request is reset, which
 * closes its connection).
 */
public final class ChatExchange {
    /** The largest streamed event accepted. */
    public static final int MAX_EVENT_BYTES = 1024 * 1024;
    /** The largest non-streamed answer accepted. */
    public static final int MAX_COMPLETION_BYTES = 16 * 1024 * 1024;

    private final Transport transport;
    private final Endpoint endpoint;
    private final String model;
    private final byte[] body;
    private final ProviderOptions options;
    private final ChunkSink sink;
    private final Function<String, String> env;
    private final boolean stream;
    private final String url;
    private final AtomicBoolean finished = new AtomicBoolean();
    private Credential credential;
    private ChunkMapper mapper;
    private Vertx vertx;
    private volatile HttpClientRequest request;
    private volatile HttpClientResponse response;
    private volatile boolean ended;
    private volatile boolean paused;
    private volatile long lastActivity;
    private volatile long idleTimer = -1;
    private volatile long totalTimer = -1;
    private SseParser parser;
    private boolean sawDone;

    /**
     * Prepares the exchange; {@link #start()} sends it.
     *
     * @param transport the provider's transport
     * @param endpoint the server
     * @param model the model to ask for
     * @param body the encoded request body
     * @param stream whether the body asks for a stream
     * @param options timeouts, proxy, base URL and key
     * @param sink where the answer goes
     * @param env reads environment variables
     */
    public ChatExchange(Transport transport, Endpoint endpoint, String model, byte[] body, boolean stream,
                        ProviderOptions options, ChunkSink sink, Function<String, String> env) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.model = model;
        this.body = body;
        this.stream = stream;
        this.options = options;
        this.sink = sink;
        this.env = env;
        this.url = Requests.base(endpoint, options) + "/chat/completions";
    }

    /** Sends the request; never blocks. Failures reach the sink. */
    public void start() {
        try {
            credential = Credential.resolve(endpoint, options, env);
            mapper = new ChunkMapper(endpoint.name(), sink, credential.secret());
            vertx = transport.vertx();
            sink.onCancel(this::cancel);
            sink.onDemand(this::resumeIfPaused);
            Duration total = options.totalTimeout();
            totalTimer = vertx.setTimer(Math.max(1, total.toMillis()), t -> fail(new ProviderTimeoutException(
                    ProviderTimeoutException.Kind.TOTAL, total, endpoint.name() + " did not finish the answer within "
                    + total.toSeconds() + " s (the total timeout). Raise it, or ask for a shorter answer.")));
            touch();
            armIdle(options.idleTimeout().toMillis());
            transport.client().request(Requests.of(HttpMethod.POST, url, endpoint, options, credential,
                            options.connectTimeout(), stream ? "text/event-stream" : "application/json"))
                    .onFailure(e -> fail(UpstreamErrors.forTransport(endpoint, url, e, options.connectTimeout(), false)))
                    .onSuccess(this::send);
        } catch (RuntimeException e) {
            fail(e instanceof ProviderException ? e : UpstreamErrors.forTransport(endpoint, url, e, options.connectTimeout(), false));
        }
    }

    private void send(HttpClientRequest req) {
        request = req;
        if (finished.get()) {
            req.reset();
            return;
        }
        touch();
        req.send(Buffer.buffer(body))
                .onFailure(e -> fail(UpstreamErrors.forTransport(endpoint, url, e, options.connectTimeout(), false)))
                .onSuccess(this::onResponse);
    }

    private void onResponse(HttpClientResponse res) {
        response = res;
        touch();
        int status = res.statusCode();
        res.exceptionHandler(e -> fail(UpstreamErrors.forTransport(endpoint, url, e, options.connectTimeout(), true)));
        if (status / 100 != 2) {
            readError(res, status);
            return;
        }
        String type = res.getHeader("content-type");
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (stream && !type.contains("json")) {
            parser = new SseParser(MAX_EVENT_BYTES, this::onEvent);
            res.handler(this::onStreamData);
            res.endHandler(v -> onStreamEnd());
        } else {
            BoundedBody whole = new BoundedBody(MAX_COMPLETION_BYTES);
            res.handler(chunk -> {
                touch();
                if (!whole.append(chunk)) {
                    fail(new UpstreamProtocolException(endpoint.name() + " sent an answer larger than "
                            + MAX_COMPLETION_BYTES + " bytes; g4j stopped reading it."));
                }
            });
            res.endHandler(v -> {
                ended = true;
                if (finished.get()) {
                    return;
                }
                try {
                    mapper.onCompletion(whole.text());
                    complete();
                } catch (RuntimeException e) {
                    fail(e);
                }
            });
        }
    }

    private void onStreamData(Buffer chunk) {
        touch();
        if (finished.get()) {
            return;
        }
        try {
            byte[] bytes = chunk.getBytes();
            parser.feed(bytes, 0, bytes.length);
        } catch (SseEventTooLargeException e) {
            fail(new UpstreamProtocolException(endpoint.name() + " sent an event larger than " + MAX_EVENT_BYTES
                    + " bytes; g4j abandoned the answer.", e));
            return;
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (!finished.get() && sink.demand() <= 0) {
            // pause before raising the flag: a request that then sees the flag resumes after this pause, not before
            // it (raised first, a resume from the subscriber's thread could run first and be undone by the pause)
            response.pause();
            paused = true;
            if (sink.demand() > 0) {
                resumeIfPaused();
            }
        }
    }

    private void onEvent(SseEvent event) {
        if (finished.get()) {
            return;
        }
        String data = event.data();
        if (data.equals("[DONE]")) {
            sawDone = true;
            complete();
            return;
        }
        if (event.type().equals("error") && !data.contains("\"error\"")) {
            throw new RemoteProcessException(endpoint.name() + " reported an error: "
                    + UpstreamErrors.oneLine(UpstreamErrors.mask(data, credential.secret())));
        }
        mapper.onChunk(data);
    }

    private void onStreamEnd() {
        ended = true;
        if (finished.get()) {
            return;
        }
        if (sawDone) {
            return;
        }
        String finish = mapper.finishReason();
        if (finish != null && (parser == null || !parser.hasPartialEvent())) {
            // Some servers (llama.cpp after an error, forks of it) close without [DONE]; a finish_reason already said
            // the answer is complete, so only an end with neither is a truncation.
            complete();
            return;
        }
        String what = mapper.sawOutput()
                ? "after " + mapper.answerChars() + " characters of answer" + (finish == null ? "" : " and finish_reason '" + finish + "'")
                : "without any answer";
        fail(new UpstreamProtocolException(endpoint.name() + " ended the stream " + what + " but without the closing "
                + "'data: [DONE]'" + (parser != null && parser.hasPartialEvent() ? ", in the middle of an event" : "")
                + "; the answer may be cut off. Try again or use another provider."));
    }

    private void readError(HttpClientResponse res, int status) {
        BoundedBody error = new BoundedBody(UpstreamErrors.MAX_ERROR_BODY);
        res.handler(chunk -> {
            touch();
            if (!error.append(chunk)) {
                res.handler(null);
                res.endHandler(null);
                res.exceptionHandler(null);
                ended = false;
                mapStatus(res, status, error.text());
            }
        });
        res.endHandler(v -> {
            ended = true;
            mapStatus(res, status, error.text());
        });
    }

    private void mapStatus(HttpClientResponse res, int status, String text) {
        if (finished.get()) {
            return;
        }
        if (status == 404) {
            ModelDiscovery.list(transport, endpoint, options, env).whenComplete((served, e) -> {
                if (e instanceof ResponseStatusException && ((ResponseStatusException) e).status() == 404
                        && !UpstreamErrors.looksLikeModelNotFound(UpstreamErrors.serverMessage(text, credential.secret()))) {
                    fail(new ResponseStatusException(404, text, endpoint.name() + " has neither " + url
                            + " nor a model list (HTTP 404). Check the base URL; it usually ends in /v1."));
                } else {
                    List<String> list = e == null ? served : null;
                    fail(UpstreamErrors.modelNotFound(endpoint, model, text, credential.secret(), list));
                }
            });
            return;
        }
        fail(UpstreamErrors.forStatus(endpoint, status, res.headers(), text, credential.secret(), credential.source()));
    }

    private void complete() {
        if (finished.compareAndSet(false, true)) {
            stopTimers();
            mapper.complete();
            if (!ended && response != null) {
                // [DONE] came but the body is still open: do not hold the connection for a server that lingers.
                vertx.setTimer(1000, t -> {
                    if (!ended) {
                        resetRequest();
                    }
                });
            }
        }
    }

    private void fail(Throwable error) {
        if (finished.compareAndSet(false, true)) {
            stopTimers();
            if (!ended) {
                resetRequest();
            }
            sink.fail(error);
        }
    }

    private void cancel() {
        if (finished.compareAndSet(false, true)) {
            stopTimers();
            resetRequest();
        }
    }

    private void resetRequest() {
        HttpClientRequest r = request;
        if (r != null) {
            r.reset();
        }
    }

    private void resumeIfPaused() {
        HttpClientResponse r = response;
        if (paused && r != null) {
            paused = false;
            touch();
            r.resume();
        }
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    private void armIdle(long delayMs) {
        idleTimer = vertx.setTimer(Math.max(1, delayMs), t -> {
            if (finished.get()) {
                return;
            }
            long limit = options.idleTimeout().toMillis();
            long silent = (System.nanoTime() - lastActivity) / 1_000_000;
            if (paused || sink.demand() <= 0 && response != null) {
                touch();
                armIdle(limit);
            } else if (silent >= limit) {
                fail(new ProviderTimeoutException(ProviderTimeoutException.Kind.IDLE, options.idleTimeout(),
                        endpoint.name() + " sent nothing for " + limit + " ms (the idle timeout)"
                                + (mapper.sawOutput() ? " in the middle of the answer" : " before the answer began")
                                + ". The server may be stuck or loading the model; try again or raise the idle timeout."));
            } else {
                armIdle(limit - silent);
            }
        });
    }

    private void stopTimers() {
        Vertx v = vertx;
        if (v != null) {
            if (idleTimer >= 0) {
                v.cancelTimer(idleTimer);
            }
            if (totalTimer >= 0) {
                v.cancelTimer(totalTimer);
            }
        }
    }
}
