package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A programmatic provider whose answer the test scripts; it records every call. */
final class ScriptedProvider implements AsyncGeneratorProvider, ProviderModelMixin {
    final String name;
    final boolean working;
    final String defaultModel;
    final List<String> models;
    final Map<String, String> aliases;
    volatile Function<String, AsyncResult> behaviour;
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile ProviderOptions lastOptions;
    volatile boolean closed;
    volatile boolean openModelList;
    volatile Set<GenerationParameter> supported = Set.of();

    ScriptedProvider(String name, boolean working, String defaultModel, List<String> models, Map<String, String> aliases,
                     Function<String, AsyncResult> behaviour) {
        this.name = name;
        this.working = working;
        this.defaultModel = defaultModel;
        this.models = models;
        this.aliases = aliases;
        this.behaviour = behaviour;
    }

    static ScriptedProvider named(String name) {
        return new ScriptedProvider(name, true, name.toLowerCase() + "-model", List.of(name.toLowerCase() + "-model"), Map.of(),
                model -> AsyncResult.of(ResponseChunk.text(name + " answers " + model)));
    }

    ScriptedProvider answering(Function<String, AsyncResult> behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String label() {
        return name + " (scripted)";
    }

    @Override
    public String url() {
        return "https://" + name.toLowerCase() + ".example";
    }

    @Override
    public boolean working() {
        return working;
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

    @Override
    public String defaultModel() {
        return defaultModel;
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public Map<String, String> modelAliases() {
        return aliases;
    }

    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        calls.add(String.valueOf(model));
        lastOptions = options;
        return behaviour.apply(model);
    }

    /** Makes the model list open: unlisted names are served as given. */
    ScriptedProvider openModels() {
        this.openModelList = true;
        return this;
    }

    ScriptedProvider supporting(Set<GenerationParameter> parameters) {
        this.supported = parameters;
        return this;
    }

    @Override
    public boolean acceptsUnlistedModels() {
        return openModelList;
    }

    @Override
    public Set<GenerationParameter> supportedParameters() {
        return supported;
    }

    @Override
    public void close() {
        closed = true;
    }
}
