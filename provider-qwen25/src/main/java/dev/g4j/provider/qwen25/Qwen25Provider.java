package dev.g4j.provider.qwen25;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import io.vertx.core.Vertx;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Qwen 2.5 through the public Gradio Space {@value #URL}, which streams the answers of DashScope's
 * {@code qwen2.5-*-instruct} models.
 *
 * <pre>{@code
 * try (Qwen25Provider qwen = new Qwen25Provider()) {
 *     String answer = qwen.createAsyncGenerator("qwen-2.5-coder-7b", Messages.ofUser("Reverse a list in Java")).text().join();
 * }
 * }</pre>
 *
 * <p>Conversations are mapped by {@link Qwen25RequestMapper} (system prompt, native history, prompt). The stream
 * starts with {@link dev.g4j.provider.api.ResponseChunk.ProviderInfo}, reports the queue position as
 * {@link dev.g4j.provider.api.ResponseChunk.QueueStatus} and the Space's toasts as
 * {@link dev.g4j.provider.api.ResponseChunk.Notice}, streams the reply as
 * {@link dev.g4j.provider.api.ResponseChunk.Text} deltas (with a
 * {@link dev.g4j.provider.api.ResponseChunk.TextReplaced} when the Space rewrites text it already sent) and ends with
 * {@link dev.g4j.provider.api.ResponseChunk.Finish}.
 *
 * <p>Options: {@code baseUrl} (a self-hosted copy), {@code proxy}, the three timeouts, and the parameter
 * {@code bearerToken} (also read as {@code hf_token} or {@code token}) for a private copy; the parameter
 * {@code maxEventBytes} bounds the size of one server event (default: the Gradio client's, 16 MiB).
 *
 * <p>Made through {@link java.util.ServiceLoader} (the no-argument constructor), the provider creates its Vert.x
 * instance on the first request, with daemon threads, and {@link #close()} shuts it down; a later request starts a
 * new one. With {@link #Qwen25Provider(Vertx)} it uses the host's instance and never closes it. Thread-safe.
 */
public final class Qwen25Provider implements AsyncGeneratorProvider, ProviderModelMixin {
    /** The provider's identifier. */
    public static final String NAME = "Qwen_Qwen_2_5";
    /** The Space's origin. */
    public static final String URL = "https://qwen-qwen2-5.hf.space";

    private final SharedGradioClient clients;

    /** For {@link java.util.ServiceLoader}: cheap, no I/O; Vert.x is created on the first request. */
    public Qwen25Provider() {
        this.clients = new SharedGradioClient(null);
    }

    /** Uses the host's Vert.x instance, which {@link #close()} leaves open. */
    public Qwen25Provider(Vertx vertx) {
        this.clients = new SharedGradioClient(Objects.requireNonNull(vertx, "vertx"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Qwen Qwen-2.5";
    }

    @Override
    public String url() {
        return URL;
    }

    @Override
    public boolean working() {
        return true;
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

    @Override
    public String defaultModel() {
        return Qwen25Model.DEFAULT.modelName();
    }

    @Override
    public List<String> models() {
        return Qwen25Model.modelNames();
    }

    @Override
    public Map<String, String> modelAliases() {
        return Qwen25Model.aliases();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Null {@code options} mean {@link ProviderOptions#defaults()} (the public Space, default timeouts), like the
     * registry does.
     *
     * @throws IllegalArgumentException when {@code messages} is null (the same as the registry), or when the
     *         conversation does not end with a user message (see {@link Qwen25RequestMapper})
     */
    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        if (messages == null) {
            throw new IllegalArgumentException("Messages must not be null: pass a conversation with at least one message,"
                    + " for example Messages.ofUser(\"Hello\")");
        }
        ProviderOptions opts = options == null ? ProviderOptions.defaults() : options;
        Qwen25Model variant = Qwen25Model.byModelName(getModel(model)).orElseThrow();
        Qwen25Request request = Qwen25RequestMapper.map(messages, variant);
        URI base = opts.baseUrl().orElse(URI.create(URL));
        return AsyncResult.from(new Qwen25Stream(NAME, request, base, opts, clients));
    }

    /** Closes the open streams and, when the provider created it, its Vert.x instance. */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
