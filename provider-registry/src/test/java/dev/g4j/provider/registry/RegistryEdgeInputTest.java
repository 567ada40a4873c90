package dev.g4j.provider.registry;

import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Odd model strings at the registry's edge: each resolves to a provider's answer or fails at once with a
 * {@link ModelNotFoundException} (or {@link ProviderNotFoundException}) naming what exists.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RegistryEdgeInputTest {

    private static ProviderRegistry registry() {
        return ProviderRegistry.builder().useDefaultClassLoaders(false).add(ScriptedProvider.named("Alpha"))
                .add(ScriptedProvider.named("Beta")).build();
    }

    private static String answer(ProviderRegistry r, String model) throws Exception {
        return r.create(model, Messages.ofUser("hi")).text().get(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "alpha-model", " alpha-model ", "ALPHA-MODEL", "Alpha:", "alpha:", " Alpha : ", "Alpha:alpha-model"})
    void resolvableNamesReachAlpha(String model) throws Exception {
        try (ProviderRegistry r = registry()) {
            assertThat(answer(r, model)).isEqualTo("Alpha answers alpha-model");
        }
    }

    @Test
    void pinningPicksTheNamedProvider() throws Exception {
        try (ProviderRegistry r = registry()) {
            assertThat(answer(r, "Beta:")).isEqualTo("Beta answers beta-model");
            assertThat(answer(r, "beta-model")).isEqualTo("Beta answers beta-model");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "::", " : ", "Alpha:nope", "Alpha::", "nope", "alpha model", "alpha-model\u0000"})
    void unknownNamesSayWhatExists(String model) {
        try (ProviderRegistry r = registry()) {
            assertThatThrownBy(() -> r.create(model, Messages.ofUser("hi"))).isInstanceOf(ModelNotFoundException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("Valid names: ", "Known providers: "));
        }
    }

    @Test
    void anUnknownPinnedProviderIsNamedWithTheKnownOnes() {
        try (ProviderRegistry r = registry()) {
            assertThatThrownBy(() -> r.create("Alpah:alpha-model", Messages.ofUser("hi"))).isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageContaining("No provider named 'Alpah'").hasMessageContaining("Did you mean 'Alpha'?")
                    .hasMessageContaining("Known providers: Alpha, Beta");
        }
    }

    @Test
    void aVeryLongModelNameFailsQuickly() {
        String name = "m".repeat(100_000);
        long start = System.nanoTime();
        try (ProviderRegistry r = registry()) {
            assertThatThrownBy(() -> r.create(name, Messages.ofUser("hi"))).isInstanceOf(ModelNotFoundException.class);
            assertThatThrownBy(() -> r.create(name + ":" + name, Messages.ofUser("hi"))).isInstanceOf(ProviderNotFoundException.class);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void nullMessagesAreRefusedWithAHint() {
        try (ProviderRegistry r = registry()) {
            assertThatThrownBy(() -> r.create("alpha-model", null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one message");
            assertThatThrownBy(() -> r.create(null, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void nullOptionsMeanTheDefaults() throws Exception {
        try (ProviderRegistry r = registry()) {
            assertThat(r.create("alpha-model", Messages.ofUser("hi"), null).text().get(5, TimeUnit.SECONDS))
                    .isEqualTo("Alpha answers alpha-model");
        }
    }

    @Test
    void anEmptyRegistrySaysToAddAProviderJar() {
        try (ProviderRegistry r = ProviderRegistry.builder().useDefaultClassLoaders(false).build()) {
            assertThatThrownBy(() -> r.create("anything", Messages.ofUser("hi"))).isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageContaining("put a provider jar on the class path");
            assertThatThrownBy(() -> r.create("", Messages.ofUser("hi"))).isInstanceOf(ProviderNotFoundException.class);
        }
    }

    @Test
    void aClosedRegistrySaysSo() {
        ProviderRegistry r = registry();
        r.close();
        assertThatThrownBy(() -> r.create("alpha-model", Messages.ofUser("hi"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
