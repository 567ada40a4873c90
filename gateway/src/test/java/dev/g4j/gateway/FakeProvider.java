package dev.g4j.gateway;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.ChunkSink;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** A provider scripted by the test: what it answers, and what it saw. */
final class FakeProvider implements AsyncGeneratorProvider, ProviderModelMixin {

    /** Writes one answer. */
    @FunctionalInterface
    interface Script {
        void answer(ChunkSink sink, String model);
    }

    private final String name;
    private final List<String> models;
    private final Map<String, String> aliases;
    private final boolean openList;
    private final Script script;
    final CountDownLatch cancelled = new CountDownLatch(1);
    final CountDownLatch subscribed = new CountDownLatch(1);
    volatile ProviderOptions lastOptions;
    volatile Messages lastMessages;
    volatile String lastModel;

    FakeProvider(String name, List<String> models, Map<String, String> aliases, boolean openList, Script script) {
        this.name = name;
        this.models = models;
        this.aliases = aliases;
        this.openList = openList;
        this.script = script;
    }

    static FakeProvider of(String name, String model, Script script) {
        return new FakeProvider(name, List.of(model), Map.of(), false, script);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String label() {
        return name;
    }

    @Override
    public String url() {
        return "http://127.0.0.1:1";
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

    @Override
    public Set<GenerationParameter> supportedParameters() {
        return EnumSet.allOf(GenerationParameter.class);
    }

    @Override
    public String defaultModel() {
        return models.get(0);
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
    public boolean acceptsUnlistedModels() {
        return openList;
    }

    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        String resolved = getModel(model);
        lastModel = resolved;
        lastMessages = messages;
        lastOptions = options;
        return AsyncResult.create(sink -> {
            sink.onCancel(cancelled::countDown);
            subscribed.countDown();
            script.answer(sink, resolved);
        });
    }
}
