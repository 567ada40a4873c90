package dev.g4j.provider.tck;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.EchoProvider;

/** The TCK on provider-api's {@code EchoProvider}, the README's 25-line example provider. */
class EchoProviderContractTest extends ProviderContract {
    @Override
    protected AsyncGeneratorProvider createProvider() {
        return new EchoProvider();
    }
}
