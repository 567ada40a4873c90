package dev.g4j.provider.tck;

import dev.g4j.provider.api.AsyncGeneratorProvider;

/** The TCK on a well-behaved provider written with {@code AsyncResult.create}: every contract test passes. */
class TinyProviderContractTest extends ProviderContract {
    private TinyProvider tiny;

    @Override
    protected AsyncGeneratorProvider createProvider() {
        tiny = new TinyProvider();
        return tiny;
    }

    @Override
    protected long upstreamRequests() {
        return tiny.started.get();
    }
}
