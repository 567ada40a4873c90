package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Programmatic providers, exclusion and duplicates without any jar. */
class RegistryBuilderTest {

    @Test
    void programmaticProvidersKeepTheirOrderAndDuplicatesAreListed() {
        ScriptedProvider a = ScriptedProvider.named("A");
        ScriptedProvider b = ScriptedProvider.named("B");
        ScriptedProvider otherA = ScriptedProvider.named("a");
        ProviderRegistry r = ProviderRegistry.builder().useDefaultClassLoaders(false).add(b).add(a).add(otherA).add(b).build();
        assertThat(r.providers()).containsExactly(b, a);
        assertThat(r.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("a");
            assertThat(d.keptSource()).isEqualTo("programmatic");
            assertThat(d.ignoredSource()).isEqualTo("programmatic");
        });
        assertThat(r.failures()).isEmpty();
        r.close();
        assertThat(otherA.closed).isFalse();
    }

    @Test
    void excludeAppliesToProgrammaticProvidersIgnoringCase() {
        ScriptedProvider a = ScriptedProvider.named("A");
        ScriptedProvider b = ScriptedProvider.named("B");
        ProviderRegistry r = ProviderRegistry.builder().useDefaultClassLoaders(false).add(a).add(b).exclude("b", null, " ").build();
        assertThat(r.providers()).containsExactly(a);
    }

    @Test
    void providerWhoseNameFailsIsReportedAsAFailure() {
        AsyncGeneratorProvider nameless = new ScriptedProvider(null, true, "m", java.util.List.of("m"), java.util.Map.of(), m -> null);
        ProviderRegistry r = ProviderRegistry.builder().useDefaultClassLoaders(false).add(nameless).build();
        assertThat(r.providers()).isEmpty();
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.serviceEntry()).isEqualTo(ScriptedProvider.class.getName());
            assertThat(f.describe()).contains("name() returned null");
        });
    }

    @Test
    void sourceOfAnUnknownProviderIsAnError() {
        ProviderRegistry r = ProviderRegistry.builder().useDefaultClassLoaders(false).build();
        assertThatThrownBy(() -> r.sourceOf(ScriptedProvider.named("X"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.providers()).isEmpty();
        assertThat(r.models()).isEmpty();
        assertThat(r.toString()).isEqualTo("ProviderRegistry[]");
    }
}
