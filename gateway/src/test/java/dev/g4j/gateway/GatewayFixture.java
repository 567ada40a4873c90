package dev.g4j.gateway;

import dev.g4j.provider.api.Secret;
import dev.g4j.provider.registry.ProviderRegistry;

import java.net.URI;

/**
 * A gateway on a free loopback port with the API key {@link #KEY}, over fake providers: {@code fake-1} answers
 * "Hello, world!", {@code broken} fails after two deltas, {@code stall} never ends.
 */
final class GatewayFixture implements AutoCloseable {
    static final String KEY = "test-key-123";

    final FakeProvider hello = FakeProvider.of("Fake", "fake-1", Scripts.HELLO);
    final FakeProvider broken = FakeProvider.of("Broken", "broken", Scripts.FAILS_MID_STREAM);
    final FakeProvider stalling = FakeProvider.of("Stall", "stall", Scripts.STALLS);
    final ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false)
            .add(hello).add(broken).add(stalling).build();
    final G4jGateway gateway = G4jGateway.builder(registry).port(0).apiKey(Secret.of(KEY)).build();
    final URI baseUrl = gateway.start();

    @Override
    public void close() {
        gateway.close();
        registry.close();
    }
}
