package dev.g4j.provider.gradiochat;

import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.gradiochat.internal.AppResolver;
import dev.g4j.provider.gradiochat.internal.ChatStream;
import dev.g4j.provider.gradiochat.internal.HostLookup;
import dev.g4j.provider.gradiochat.internal.JoinData;
import dev.g4j.provider.gradiochat.internal.RequestSettings;
import dev.g4j.provider.gradiochat.internal.SharedGradioClient;
import io.vertx.core.Vertx;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A provider made from a {@link GradioChatSpec}: it sends the conversation to the app's chat endpoint through
 * Gradio's queue and streams the reply.
 *
 * <pre>{@code
 * try (GradioChatProvider app = new GradioChatProvider(spec)) {
 *     String answer = app.createAsyncGenerator(null, Messages.ofUser("Hello")).text().join();
 * }
 * }</pre>
 *
 * <p>The stream starts with {@link dev.g4j.provider.api.ResponseChunk.ProviderInfo}; reports the queue position as
 * {@link dev.g4j.provider.api.ResponseChunk.QueueStatus}, the app's {@code gr.Info}/{@code gr.Warning} toasts (and
 * the way history was sent, when it goes inside the prompt) as {@link dev.g4j.provider.api.ResponseChunk.Notice};
 * streams the reply as {@link dev.g4j.provider.api.ResponseChunk.Text} deltas, with a
 * {@link dev.g4j.provider.api.ResponseChunk.TextReplaced} when the app rewrites text it already sent and
 * {@link dev.g4j.provider.api.ResponseChunk.Reasoning} for thinking messages; and ends with
 * {@link dev.g4j.provider.api.ResponseChunk.Finish}. An app that streamed output from which no text could be read
 * fails with {@link dev.g4j.provider.api.UpstreamProtocolException} naming the output and what it held.
 *
 * <p>Options: {@code baseUrl} (another copy of the app, such as a simulator or a self-hosted one), {@code proxy},
 * the three timeouts, {@link ProviderOptions#apiKey()} (else the parameters {@code hf_token} or {@code token}, else
 * the spec's {@link GradioChatSpec#tokenEnv()}) for a private app, and the parameter {@code maxEventBytes} that
 * bounds one server event.
 *
 * <p>The descriptive methods do no I/O. Without a host Vert.x the provider creates one with daemon threads on the
 * first request, and {@link #close()} shuts it down; a later request starts a new one. Thread-safe. A Space's
 * provider can be a subclass that only passes its spec.
 */
public class GradioChatProvider implements AsyncGeneratorProvider, ProviderModelMixin {
    private final GradioChatSpec spec;
    private final SharedGradioClient clients;
    private final UnaryOperator<String> environment;
    private final AppResolver resolver;

    /**
     * A provider for an app; cheap, no I/O.
     *
     * @param spec the app's spec
     */
    public GradioChatProvider(GradioChatSpec spec) {
        this(spec, null, System::getenv);
    }

    /**
     * A provider for an app on the host's Vert.x instance, which {@link #close()} leaves open.
     *
     * @param spec  the app's spec
     * @param vertx the host's Vert.x
     */
    public GradioChatProvider(GradioChatSpec spec, Vertx vertx) {
        this(spec, Objects.requireNonNull(vertx, "vertx"), System::getenv);
    }

    /**
     * For provider factories and tests: the environment is read through {@code environment} (the spec's
     * {@link GradioChatSpec#tokenEnv()} at each request, and {@code HF_ENDPOINT}).
     *
     * @param spec        the app's spec
     * @param vertx       the host's Vert.x, or null to create one on the first request
     * @param environment reads an environment variable
     */
    protected GradioChatProvider(GradioChatSpec spec, Vertx vertx, UnaryOperator<String> environment) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clients = new SharedGradioClient(vertx);
        this.environment = Objects.requireNonNull(environment, "environment");
        this.resolver = new AppResolver(new HostLookup(), environment);
    }

    /**
     * The spec this provider was made from.
     *
     * @return the spec
     */
    public final GradioChatSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String label() {
        return spec.label();
    }

    @Override
    public String url() {
        return spec.homepage().toString();
    }

    @Override
    public boolean working() {
        return spec.working();
    }

    @Override
    public boolean supportsStream() {
        return true;
    }

    @Override
    public boolean supportsSystemMessage() {
        return true;
    }

    @Override
    public boolean supportsMessageHistory() {
        return true;
    }

    /** The Gradio client's own idle watchdog counts heartbeats, which keep a queued request alive. */
    @Override
    public boolean enforcesIdleTimeout() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The spec's default model; for an app without models, a single model named like the provider.
     */
    @Override
    public String defaultModel() {
        return spec.defaultModel().orElse(spec.name());
    }

    @Override
    public List<String> models() {
        return spec.models().isEmpty() ? List.of(spec.name()) : spec.models();
    }

    @Override
    public Map<String, String> modelAliases() {
        return spec.aliases();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Null {@code options} mean {@link ProviderOptions#defaults()}, as in the registry.
     *
     * @throws IllegalArgumentException when {@code messages} is null, the conversation does not end with a user
     *         message, or an option is invalid
     * @throws dev.g4j.provider.api.ModelNotFoundException when the model is not served
     */
    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        if (messages == null) {
            throw new IllegalArgumentException("Messages must not be null: pass a conversation with at least one message,"
                    + " for example Messages.ofUser(\"Hello\")");
        }
        ProviderOptions opts = options == null ? ProviderOptions.defaults() : options;
        String resolved = getModel(model);
        String selected = spec.models().isEmpty() ? null : resolved;
        JoinData.of(spec, messages, selected); // checks the conversation now, before any I/O
        GradioSettings settings = RequestSettings.of(opts, spec.tokenEnv().orElse(null), environment, opts.totalTimeout());
        URI url = opts.baseUrl().orElse(spec.url().orElse(null));
        String app = url != null ? url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") : spec.spaceId().orElseThrow();
        return AsyncResult.from(new ChatStream(name(), label(), resolved, app, messages, settings, clients,
                (client, s) -> resolver.baseUrl(url, spec.spaceId().orElse(null), spec.huggingFaceEndpoint(), s)
                        .thenCompose(base -> resolver.forSpec(spec, base, messages, selected, client, s))));
    }

    /** Closes the open streams and, when the provider created it, its Vert.x instance. */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return name();
    }
}
