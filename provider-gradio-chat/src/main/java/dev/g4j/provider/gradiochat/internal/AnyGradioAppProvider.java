package dev.g4j.provider.gradiochat.internal;

import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;
import io.vertx.core.Vertx;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The provider {@value #NAME}: chats with any Gradio app whose {@code /config} shows a chat function, named by the
 * model string, so that {@code Gradio:owner/space}, {@code Gradio:https://host/} and
 * {@code Gradio:http://127.0.0.1:7860} need no code. The chat endpoint, its inputs and its chatbot format are
 * detected by {@link ChatEndpointDetector}; additional inputs keep their defaults. A Space id is resolved to its
 * host through the Hugging Face endpoint (the parameter {@value #HF_ENDPOINT_PARAM}, else {@code HF_ENDPOINT},
 * else huggingface.co); for a Space, the token is the request's API key, else {@code HF_TOKEN}.
 *
 * <p>The descriptive methods do no I/O; each app's {@code /config} is cached by the Gradio client.
 */
public final class AnyGradioAppProvider implements AsyncGeneratorProvider, ProviderModelMixin {
    /** The provider's name. */
    public static final String NAME = "Gradio";
    /** The option parameter that overrides the Hugging Face endpoint used to find a Space's host. */
    public static final String HF_ENDPOINT_PARAM = "hfEndpoint";
    /** The variable holding the Hugging Face token sent to Spaces (never to other hosts). */
    public static final String HF_TOKEN_VARIABLE = "HF_TOKEN";

    private final SharedGradioClient clients;
    private final UnaryOperator<String> environment;
    private final AppResolver resolver;
    /** The configured app (name, location, models, token variable); null for the open provider {@value #NAME}. */
    private final GradioChatSpec app;
    private final String apiName;

    /** For {@link java.util.ServiceLoader}: cheap, no I/O. */
    public AnyGradioAppProvider() {
        this(null, System::getenv);
    }

    /**
     * The open provider {@value #NAME} on the host's Vert.x (or its own, when null), reading the environment
     * through a function.
     *
     * @param vertx       the host's Vert.x, or null
     * @param environment reads an environment variable
     */
    public AnyGradioAppProvider(Vertx vertx, UnaryOperator<String> environment) {
        this(null, null, vertx, environment);
    }

    private AnyGradioAppProvider(GradioChatSpec app, String apiName, Vertx vertx, UnaryOperator<String> environment) {
        this.app = app;
        this.apiName = apiName;
        this.clients = new SharedGradioClient(vertx);
        this.environment = environment;
        this.resolver = new AppResolver(new HostLookup(), environment);
    }

    /**
     * A provider for one configured app whose chat endpoint is detected from its {@code /config}.
     *
     * @param app         the app's name, location, models, aliases and token variable (its endpoint fields are
     *                    not used)
     * @param apiName     the endpoint to use, or null to detect it
     * @param environment reads an environment variable
     * @return the provider
     */
    public static AnyGradioAppProvider configured(GradioChatSpec app, String apiName, UnaryOperator<String> environment) {
        return new AnyGradioAppProvider(app, apiName, null, environment);
    }

    /**
     * A builder for a configured app's description, with the endpoint fields filled with placeholders.
     *
     * @param name the provider name
     * @return the builder
     */
    public static GradioChatSpec.Builder appBuilder(String name) {
        return GradioChatSpec.builder(name).fnIndex(0).inputs(InputSlot.prompt()).format(ChatFormat.RESPONSE)
                .chatbotOutput(0);
    }

    @Override
    public String name() {
        return app == null ? NAME : app.name();
    }

    @Override
    public String label() {
        return app == null ? "Any Gradio chat app (model: owner/space or the app's URL)" : app.label();
    }

    @Override
    public String url() {
        return app == null ? "https://www.gradio.app" : app.homepage().toString();
    }

    @Override
    public boolean working() {
        return app == null || app.working();
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

    /** For {@value #NAME}, none: the model is the app; for a configured app, its default model. */
    @Override
    public String defaultModel() {
        return app == null ? "" : app.defaultModel().orElse(app.name());
    }

    @Override
    public List<String> models() {
        return app == null ? List.of() : app.models().isEmpty() ? List.of(app.name()) : app.models();
    }

    @Override
    public Map<String, String> modelAliases() {
        return app == null ? Map.of() : app.aliases();
    }

    /** For {@value #NAME}, any model string: it names the app. */
    @Override
    public boolean acceptsUnlistedModels() {
        return app == null;
    }

    /** Its model names are Space ids and URLs: each one makes it contact the server it names. */
    @Override
    public boolean unlistedModelsAreAddresses() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @param model the app: a Space id ({@code owner/name}) or an http(s) URL; blank to use the option
     *              {@code baseUrl}
     * @throws IllegalArgumentException when no app is named, the reference is neither a Space id nor a URL, or the
     *         conversation does not end with a user message
     */
    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        if (messages == null) {
            throw new IllegalArgumentException("Messages must not be null: pass a conversation with at least one message,"
                    + " for example Messages.ofUser(\"Hello\")");
        }
        ProviderOptions opts = options == null ? ProviderOptions.defaults() : options;
        if (app != null) {
            return configuredRequest(getModel(model), messages, opts);
        }
        String reference = model == null || model.isBlank() ? opts.baseUrl().map(URI::toString).orElse("") : model.strip();
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("Name the Gradio app as the model: Gradio:owner/space, Gradio:https://host/"
                    + " or Gradio:http://127.0.0.1:7860");
        }
        boolean space = GradioChatSpec.isSpaceId(reference);
        URI url = space ? null : SpaceHosts.appUrl(reference);
        // checks the conversation now, before any I/O
        JoinData.of(placeholder(), messages, null);
        GradioSettings settings = RequestSettings.of(opts, space ? HF_TOKEN_VARIABLE : null, environment, opts.totalTimeout());
        Optional<URI> hfEndpoint = opts.param(HF_ENDPOINT_PARAM).map(v -> endpoint(v.toString()));
        String where = space ? reference : url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        return AsyncResult.from(new ChatStream(NAME, NAME, reference, where, messages, settings, clients,
                (client, s) -> resolver.baseUrl(url, space ? reference : null, hfEndpoint, s)
                        .thenCompose(base -> resolver.detect(NAME, apiName, base, messages, client, s))));
    }

    private AsyncResult configuredRequest(String model, Messages messages, ProviderOptions opts) {
        JoinData.of(placeholder(), messages, null);
        GradioSettings settings = RequestSettings.of(opts, app.tokenEnv().orElse(null), environment, opts.totalTimeout());
        URI url = opts.baseUrl().orElse(app.url().orElse(null));
        String where = url != null ? url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") : app.spaceId().orElseThrow();
        return AsyncResult.from(new ChatStream(app.name(), app.label(), model, where, messages, settings, clients,
                (client, s) -> resolver.baseUrl(url, app.spaceId().orElse(null), app.huggingFaceEndpoint(), s)
                        .thenCompose(base -> resolver.detect(app.name(), apiName, base, messages, client, s))));
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.isAbsolute() && uri.getHost() != null && uri.getScheme().toLowerCase().startsWith("http")) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("Parameter " + HF_ENDPOINT_PARAM + " must be an http(s) URL such as "
                + "https://huggingface.co");
    }

    private static GradioChatSpec placeholder() {
        return GradioChatSpec.builder(NAME).url(URI.create("http://localhost")).fnIndex(0).inputs(InputSlot.prompt())
                .format(ChatFormat.RESPONSE).chatbotOutput(0).build();
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
