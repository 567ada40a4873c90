package dev.g4j.springai.internal;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BaseUrlPinningTest {

    @Test
    void withoutModelPinsTheFirstOfTheRegistrysDefaultChain() {
        try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false)
                .environment(Map.of()).add(stub("Broken", false)).add(stub("Alpha", true)).add(stub("Beta", true))
                .providerOrder(List.of("Beta")).build()) {
            assertThat(BaseUrlPinning.pin(registry, null)).isEqualTo("Beta:");
        }
    }

    @Test
    void withoutModelSkipsProvidersThatAreNotWorking() {
        try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false)
                .environment(Map.of()).add(stub("Broken", false)).add(stub("Alpha", true)).build()) {
            assertThat(BaseUrlPinning.pin(registry, " ")).isEqualTo("Alpha:");
        }
    }

    @Test
    void whenNothingWorksPinsTheFirstProviderSoItExplainsItself() {
        try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false)
                .environment(Map.of()).add(stub("Broken", false)).build()) {
            assertThat(BaseUrlPinning.pin(registry, null)).isEqualTo("Broken:");
        }
    }

    private static AsyncGeneratorProvider stub(String name, boolean working) {
        return new AsyncGeneratorProvider() {
            @Override public String name() { return name; }
            @Override public String label() { return name; }
            @Override public String url() { return "http://127.0.0.1/" + name; }
            @Override public boolean working() { return working; }
            @Override public boolean supportsStream() { return true; }
            @Override public boolean supportsSystemMessage() { return true; }
            @Override public boolean supportsMessageHistory() { return true; }

            @Override
            public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
                throw new UnsupportedOperationException("not asked in this test");
            }
        };
    }
}
