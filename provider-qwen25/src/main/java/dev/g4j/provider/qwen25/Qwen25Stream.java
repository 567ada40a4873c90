package dev.g4j.provider.qwen25;

import dev.g4j.gradio.GradioClient;
import dev.g4j.gradio.GradioConfig;
import dev.g4j.gradio.GradioEvent;
import dev.g4j.gradio.GradioRequest;
import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.api.flow.ChunkEmitter;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One answer of the Space, as a cold publisher of {@link ResponseChunk}s: on subscription it emits
 * {@link ResponseChunk.ProviderInfo}, finds {@code model_chat} through {@code /config}, submits the call and
 * translates its {@link GradioEvent}s. Demand and cancellation pass through to the {@link dev.g4j.gradio.GradioCall}:
 * one Gradio event is requested at a time, only while the subscriber wants more, and cancelling closes the stream.
 */
final class Qwen25Stream implements Flow.Publisher<ResponseChunk> {
    private static final System.Logger LOG = System.getLogger(Qwen25Stream.class.getName());

    private final String providerName;
    private final Qwen25Request request;
    private final URI baseUrl;
    private final ProviderOptions options;
    private final ClientSettings settings;
    private final SharedGradioClient clients;

    Qwen25Stream(String providerName, Qwen25Request request, URI baseUrl, ProviderOptions options, SharedGradioClient clients) {
        this.providerName = providerName;
        this.request = request;
        this.baseUrl = baseUrl;
        this.options = options;
        this.settings = ClientSettings.of(options);
        this.clients = clients;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> subscriber) {
        Bridge bridge = new Bridge();
        ChunkEmitter<ResponseChunk> emitter = new ChunkEmitter<>(subscriber, bridge);
        bridge.emitter = emitter;
        emitter.start();
        emitter.emit(ResponseChunk.providerInfo(providerName, request.model().modelName()));
        if (emitter.isDone()) {
            return;
        }
        long started = System.nanoTime();
        GradioClient client;
        GradioSettings gradioSettings;
        try {
            client = clients.get();
            gradioSettings = settings.gradio(options.totalTimeout());
        } catch (RuntimeException e) {
            emitter.fail(Failures.map(e, baseUrl, request.model()));
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "Qwen 2.5 request to {0}: {1}", baseUrl, request);
        resolveEndpoint(client, gradioSettings).whenComplete((endpoint, error) -> {
            if (error != null) {
                emitter.fail(Failures.map(error, baseUrl, request.model()));
            } else if (!emitter.isDone()) {
                bridge.start(client, endpoint, gradioSettings, started);
            }
        });
    }

    private CompletableFuture<QwenEndpoint> resolveEndpoint(GradioClient client, GradioSettings gradioSettings) {
        CompletableFuture<GradioConfig> config;
        try {
            config = client.config(baseUrl, gradioSettings);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return config.handle((cfg, error) -> {
            if (error == null) {
                QwenEndpoint endpoint = QwenEndpoint.discover(cfg);
                LOG.log(System.Logger.Level.DEBUG, "model_chat at {0}: {1}", baseUrl, endpoint);
                return endpoint;
            }
            Throwable cause = Failures.unwrap(error);
            if (!isUnreadableConfig(cause)) {
                throw Failures.asUnchecked(cause);
            }
            LOG.log(System.Logger.Level.WARNING, "Cannot read /config of {0} ({1}); using the published fn_index {2} and trigger_id {3}",
                    baseUrl, cause.getMessage(), QwenEndpoint.PUBLISHED_FN_INDEX, QwenEndpoint.PUBLISHED_TRIGGER_ID);
            return QwenEndpoint.published("");
        });
    }

    /**
     * True when {@code /config} answered but could not be used (an error page, not JSON, an unknown shape), so that
     * the published ids are worth a try. Not for failures the join would repeat: no connection, a timeout, a full
     * queue or rate limit, or a refused login.
     */
    private static boolean isUnreadableConfig(Throwable cause) {
        if (cause instanceof UpstreamProtocolException) {
            return true;
        }
        if (cause instanceof ResponseStatusException status) {
            return !(status instanceof RateLimitException) && status.status() != 401 && status.status() != 403;
        }
        return false;
    }

    /** Connects the emitter (downstream) to the Gradio call (upstream). */
    private final class Bridge implements ChunkEmitter.Listener, Flow.Subscriber<GradioEvent> {
        private volatile ChunkEmitter<ResponseChunk> emitter;
        private volatile Flow.Subscription upstream;
        private final AtomicBoolean upstreamRequested = new AtomicBoolean();
        private BotReplyExtractor extractor;
        private volatile GradioClient client;

        void start(GradioClient client, QwenEndpoint endpoint, GradioSettings gradioSettings, long started) {
            this.client = client;
            extractor = new BotReplyExtractor(endpoint.chatbotOutput());
            // the total limit runs from subscription: the config fetch used part of it
            Duration total = options.totalTimeout();
            Duration left = total.minusNanos(System.nanoTime() - started);
            if (left.isNegative() || left.isZero()) {
                emitter.fail(new ProviderTimeoutException(ProviderTimeoutException.Kind.TOTAL, total, "The Qwen 2.5 request to "
                        + baseUrl.getHost() + " did not finish within " + total + "; retry, or raise totalTimeout"));
                return;
            }
            GradioRequest.Builder call = GradioRequest.builder(baseUrl, endpoint.endpoint())
                    .data(endpoint.layout().data(request))
                    .settings(gradioSettings.toBuilder().totalTimeout(left).build());
            try {
                client.submit(call.build()).subscribe(this);
            } catch (RuntimeException e) {
                emitter.fail(Failures.map(e, baseUrl, request.model()));
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            if (emitter.isDone()) {
                subscription.cancel();
            } else {
                emitter.drain();
            }
        }

        @Override
        public void onReady() {
            Flow.Subscription s = upstream;
            if (s != null && upstreamRequested.compareAndSet(false, true)) {
                s.request(1);
            }
        }

        @Override
        public void onStop() {
            Flow.Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onNext(GradioEvent event) {
            // the event's output view stays valid only until the next request, so read it before allowing one
            Optional<ResponseChunk> chunk = translate(event);
            upstreamRequested.set(false);
            if (chunk.isPresent()) {
                emitter.emit(chunk.get());
            } else {
                emitter.drain();
            }
        }

        private Optional<ResponseChunk> translate(GradioEvent event) {
            if (event instanceof GradioEvent.Queued q) {
                return q.rank() == null ? Optional.empty()
                        : Optional.of(ResponseChunk.queueStatus(q.rank(), q.queueSize() == null ? -1 : q.queueSize(), q.etaSeconds()));
            }
            if (event instanceof GradioEvent.Log log) {
                return Optional.of(new ResponseChunk.Notice(log.level() == null ? "info" : log.level(), String.valueOf(log.message())));
            }
            if (event instanceof GradioEvent.Generating g) {
                return extractor.onGenerating(g.outputs(), g.changes());
            }
            if (event instanceof GradioEvent.Completed c) {
                Optional<ResponseChunk> last = extractor.onCompleted(c.outputs(), c.hasData());
                last.ifPresent(emitter::emit);
                // without data the event was cancelled on the server (POST /cancel), not finished
                return Optional.of(ResponseChunk.finish(c.hasData() ? "stop" : "cancelled"));
            }
            return Optional.empty();
        }

        @Override
        public void onError(Throwable throwable) {
            Throwable cause = Failures.unwrap(throwable);
            if (cause instanceof ResponseStatusException && !(cause instanceof RateLimitException)) {
                // a redeployed Space may have new ids: read /config again next time
                client.invalidateConfig(baseUrl);
            }
            emitter.fail(Failures.map(cause, baseUrl, request.model()));
        }

        @Override
        public void onComplete() {
            emitter.complete();
        }
    }
}
