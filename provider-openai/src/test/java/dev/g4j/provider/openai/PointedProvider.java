package dev.g4j.provider.openai;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;

import java.util.List;
import java.util.Map;

/**
 * Sends one provider of a failover chain to a simulator, leaving the others alone (the options' base URL would
 * apply to every provider of the chain).
 */
final class PointedProvider implements AsyncGeneratorProvider, ProviderModelMixin {
    private final AsyncGeneratorProvider delegate;
    private final ProviderModelMixin models;
    private final String baseUrl;

    <P extends AsyncGeneratorProvider & ProviderModelMixin> PointedProvider(P delegate, String baseUrl) {
        this.delegate = delegate;
        this.models = delegate;
        this.baseUrl = baseUrl;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String label() {
        return delegate.label();
    }

    @Override
    public String url() {
        return baseUrl;
    }

    @Override
    public boolean working() {
        return true;
    }

    @Override
    public boolean supportsStream() {
        return delegate.supportsStream();
    }

    @Override
    public boolean supportsSystemMessage() {
        return delegate.supportsSystemMessage();
    }

    @Override
    public boolean supportsMessageHistory() {
        return delegate.supportsMessageHistory();
    }

    @Override
    public String defaultModel() {
        return models.defaultModel();
    }

    @Override
    public List<String> models() {
        return models.models();
    }

    @Override
    public Map<String, String> modelAliases() {
        return models.modelAliases();
    }

    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        return delegate.createAsyncGenerator(model, messages, options.toBuilder().baseUrl(baseUrl).build());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
