package dev.g4j.examples.cli;

import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.openai.OpenAiCompatibleProvider;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Target resolution through the registry; nothing is sent, so the base URLs are never contacted. */
class TargetTest {
    private final OpenAiCompatibleProvider closed = OpenAiCompatibleProvider.builder().name("Closed")
            .baseUrl("http://127.0.0.1:9/v1").models(List.of("alpha-1", "beta-2")).build();
    private final OpenAiCompatibleProvider open = OpenAiCompatibleProvider.builder().name("Local")
            .baseUrl("http://127.0.0.1:9/v1").models(List.of("llama3.2")).openModelList(true).build();

    @AfterEach
    void close() {
        closed.close();
        open.close();
    }

    private ProviderRegistry registry(List<String> order) {
        return ProviderRegistry.builder().useDefaultClassLoaders(false).environment(Map.of()).add(closed).add(open)
                .providerOrder(order).build();
    }

    @Test
    void withoutModelTheFirstOfTheDefaultChainIsShownAndTheRegistryChooses() {
        try (ProviderRegistry r = registry(List.of("Local"))) {
            Target t = Target.resolve(r, null, null);
            assertThat(t.spec()).isNull();
            assertThat(t.provider()).isEqualTo("Local");
            assertThat(t.model()).isEqualTo("llama3.2");
            assertThat(t.pinned().spec()).isEqualTo("Local:llama3.2");
        }
    }

    @Test
    void pinnedNamesSplitAtTheFirstColonAndOpenListsTakeUnlistedNames() {
        try (ProviderRegistry r = registry(List.of())) {
            Target t = Target.resolve(r, null, "Local:qwen2.5:7b");
            assertThat(t.spec()).isEqualTo("Local:qwen2.5:7b");
            assertThat(t.model()).isEqualTo("qwen2.5:7b");
            assertThat(Target.resolve(r, "local", "Local:x").spec()).isEqualTo("Local:x");
            assertThat(Target.resolve(r, null, "beta-2").provider()).isEqualTo("Closed");
        }
    }

    @Test
    void typosFailWithTheClosestName() {
        try (ProviderRegistry r = registry(List.of())) {
            assertThatThrownBy(() -> Target.resolve(r, null, "alpa-1")).isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("Did you mean 'alpha-1'?").hasMessageContaining("e.g. -m Local:alpa-1");
            assertThatThrownBy(() -> Target.resolve(r, "Closed", "alpa-1")).isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("for provider Closed").hasMessageContaining("Did you mean 'alpha-1'?");
            assertThatThrownBy(() -> Target.resolve(r, "Locl", null)).isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageContaining("Did you mean 'Local'?");
            assertThatThrownBy(() -> Target.resolve(r, null, "Clsed:alpha-1")).isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageContaining("Did you mean 'Closed'?");
        }
    }
}
