package dev.g4j.examples.serve;

import dev.g4j.gradio.testkit.ChatRequest;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.ReplyFunction;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.openai.OpenAiCompatibleProvider;
import dev.g4j.provider.qwen25.Qwen25Provider;
import dev.g4j.provider.registry.ProviderRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code g4j serve --demo}: two simulated upstreams on loopback, the Qwen 2.5 Space (Gradio protocol) and an
 * OpenAI-compatible server, each behind its real provider, so both protocol paths run with no network and no model.
 * Each provider keeps its own simulator's address, so the gateway's options carry no base URL.
 */
final class DemoUpstreams implements AutoCloseable {
    /** The name of the provider in front of the OpenAI simulator. */
    static final String OPENAI_PROVIDER = "OpenAiSimulator";

    private final GradioSimulator gradio;
    private final OpenAiSimulator openai;
    private final Qwen25Provider qwen;
    private final OpenAiCompatibleProvider openaiProvider;
    private final ProviderRegistry registry;

    private DemoUpstreams(GradioSimulator gradio, OpenAiSimulator openai) {
        this.gradio = gradio;
        this.openai = openai;
        this.qwen = new Qwen25Provider();
        this.openaiProvider = OpenAiCompatibleProvider.builder().name(OPENAI_PROVIDER)
                .label("OpenAI-compatible simulator (local)").baseUrl(openai.baseUrl())
                .models(OpenAiSimulator.DEFAULT_MODELS).build();
        this.registry = ProviderRegistry.builder().useDefaultClassLoaders(false).environment(Map.of())
                .add(new AtBaseUrl(qwen, gradio.baseUrl())).add(openaiProvider).build();
    }

    /** Starts both simulators. */
    static DemoUpstreams start() {
        GradioSimulator gradio = GradioSimulator.builder().app(SimulatedApp.qwen25()).replyFunction(DemoUpstreams::reply)
                .tokenDelay(Duration.ofMillis(30)).start();
        try {
            OpenAiSimulator openai = OpenAiSimulator.builder().tokenDelay(Duration.ofMillis(30))
                    .answer("[simulated] Hello from g4j's local OpenAI-compatible simulator; no model is running.").start();
            return new DemoUpstreams(gradio, openai);
        } catch (RuntimeException e) {
            gradio.close();
            throw e;
        }
    }

    ProviderRegistry registry() {
        return registry;
    }

    /** One line for the user: what answers, and where. */
    String describe() {
        return "the answers are SIMULATED by a local copy of the Qwen 2.5 Space protocol at " + gradio.baseUrl()
                + " (default) and an OpenAI-compatible server at " + openai.baseUrl() + " (models " + OPENAI_PROVIDER
                + ":" + OpenAiSimulator.DEFAULT_MODELS.get(0) + ", ...); no real model is involved.";
    }

    private static List<String> reply(ChatRequest request) {
        return ReplyFunction.splitWords("[simulated] You said: \"" + request.prompt().strip()
                + "\". (No model is running: this is g4j's local simulator of the Qwen 2.5 Space.)");
    }

    @Override
    public void close() {
        registry.close();
        qwen.close();
        openaiProvider.close();
        openai.close();
        gradio.close();
    }

    /** A provider whose requests go to one base URL, whatever the caller's options say. */
    private record AtBaseUrl(Qwen25Provider delegate, String baseUrl) implements AsyncGeneratorProvider, ProviderModelMixin {
        @Override public String name() { return delegate.name(); }
        @Override public String label() { return delegate.label(); }
        @Override public String url() { return baseUrl; }
        @Override public boolean working() { return true; }
        @Override public boolean needsAuth() { return false; }
        @Override public boolean supportsStream() { return delegate.supportsStream(); }
        @Override public boolean supportsSystemMessage() { return delegate.supportsSystemMessage(); }
        @Override public boolean supportsMessageHistory() { return delegate.supportsMessageHistory(); }
        @Override public Set<GenerationParameter> supportedParameters() { return delegate.supportedParameters(); }
        @Override public boolean enforcesIdleTimeout() { return delegate.enforcesIdleTimeout(); }
        @Override public String defaultModel() { return delegate.defaultModel(); }
        @Override public List<String> models() { return delegate.models(); }
        @Override public Map<String, String> modelAliases() { return delegate.modelAliases(); }
        @Override public String getModel(String requested) { return delegate.getModel(requested); }
        @Override public boolean acceptsUnlistedModels() { return delegate.acceptsUnlistedModels(); }

        @Override
        public CompletableFuture<List<String>> discoverModels(ProviderOptions options) {
            return delegate.discoverModels(options.toBuilder().baseUrl(baseUrl).build());
        }

        @Override
        public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
            return delegate.createAsyncGenerator(model, messages, options.toBuilder().baseUrl(baseUrl).build());
        }
    }
}
