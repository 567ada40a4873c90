package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOutcome;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RecordingSubscriber;
import dev.g4j.provider.api.ResponseChunk;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.g4j.provider.api.ResponseChunk.finish;
import static dev.g4j.provider.api.ResponseChunk.providerInfo;
import static dev.g4j.provider.api.ResponseChunk.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The chain tried without a model: plain, CONFIGURED, HOSTED, LOCAL; configurable. */
class DefaultChainTest {
    private final ScriptedProvider plain = ScriptedProvider.named("Plain");
    private final ScriptedProvider broken = new ScriptedProvider("Broken", false, "broken-1", List.of("broken-1"), Map.of(),
            model -> AsyncResult.of(text("Broken:" + model), finish("stop")));
    private final ScriptedProvider local = ScriptedProvider.named("Local");
    private final ScriptedProvider hosted = ScriptedProvider.named("Hosted");
    private final ScriptedProvider configured = ScriptedProvider.named("Configured");
    /** Lists its providers in the opposite of the default order, to show that origin decides. */
    private final TestFactory factory = new TestFactory("mixed", ctx -> List.of(
            new ProviderOutcome.Created(local, ProviderOutcome.Origin.LOCAL),
            new ProviderOutcome.Created(hosted, ProviderOutcome.Origin.HOSTED),
            new ProviderOutcome.Created(configured)));

    private ProviderRegistry.Builder builder(Map<String, String> env) {
        return ProviderRegistry.builder().useDefaultClassLoaders(false).environment(env)
                .home(Path.of("no-such-home").toAbsolutePath()).add(broken).add(plain).addFactory(factory);
    }

    private static List<String> names(List<AsyncGeneratorProvider> chain) {
        return chain.stream().map(AsyncGeneratorProvider::name).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void plainThenConfiguredThenHostedThenLocalWithoutNonWorkingOnes() {
        ProviderRegistry r = builder(Map.of()).build();
        assertThat(names(r.providers())).containsExactly("Broken", "Plain", "Local", "Hosted", "Configured");
        assertThat(names(r.defaultChain())).containsExactly("Plain", "Configured", "Hosted", "Local");
    }

    @Test
    void noModelTriesEachDefaultModelAndFailsOverBeforeText() throws Exception {
        plain.answering(model -> AsyncResult.failed(new RateLimitException("429")));
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        builder(Map.of()).build().create(null, Messages.ofUser("hi")).subscribe(s);
        s.await();
        assertThat(s.error).isNull();
        assertThat(s.snapshot()).containsExactly(providerInfo("Plain", "plain-model"),
                providerInfo("Configured", "configured-model"), text("Configured answers configured-model"));
        assertThat(hosted.calls).isEmpty();
    }

    @Test
    void anExplicitOrderComesFirstAndMayNameANonWorkingProvider() {
        ProviderRegistry r = builder(Map.of()).providerOrder(List.of("local", "BROKEN")).build();
        assertThat(names(r.defaultChain())).containsExactly("Local", "Broken", "Plain", "Configured", "Hosted");
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void theVariableSetsTheOrderAndTheBuilderOverridesIt() {
        Map<String, String> env = Map.of("G4J_PROVIDER_ORDER", " Hosted , ,Plain");
        assertThat(names(builder(env).build().defaultChain())).containsExactly("Hosted", "Plain", "Configured", "Local");
        assertThat(names(builder(env).providerOrder(List.of("Configured")).build().defaultChain()))
                .containsExactly("Configured", "Plain", "Hosted", "Local");
    }

    @Test
    void unknownNamesInTheOrderAreReported() {
        ProviderRegistry r = builder(Map.of("G4J_PROVIDER_ORDER", "Plain,Nobody")).build();
        assertThat(names(r.defaultChain())).startsWith("Plain");
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("G4J_PROVIDER_ORDER");
            assertThat(f.describe()).contains("'Nobody'").contains("known providers: Broken, Plain");
        });
    }
}
