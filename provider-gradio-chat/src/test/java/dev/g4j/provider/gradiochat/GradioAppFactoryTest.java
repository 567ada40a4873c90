package dev.g4j.provider.gradiochat;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.FactoryContext;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderEntry;
import dev.g4j.provider.api.ProviderFactory;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Providers-file entries of type "gradio" becoming named providers. */
@Timeout(60)
class GradioAppFactoryTest {

    private static ProviderFactory factory() {
        return ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("gradio")).findFirst().orElseThrow();
    }

    private static List<ProviderOutcome> create(Map<String, String> env, Map<String, Object>... entries) {
        List<ProviderEntry> list = new java.util.ArrayList<>();
        for (Map<String, Object> e : entries) {
            list.add(new ProviderEntry(e, "providers.json"));
        }
        return factory().createProviders(new FactoryContext(list, env, Path.of(".")));
    }

    private static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aConfiguredAppIsANamedProviderWithItsModelsThatAnswers() throws Exception {
        try (GradioSimulator sim = GradioSimulator.builder().app(SimulatedApp.chatInterface5()).tokenDelay(Duration.ZERO)
                .replyFunction(r -> List.of("o", "k")).start()) {
            List<ProviderOutcome> outcomes = create(Map.of("MY_APP_TOKEN", "secret-value"), entry("name", "MyApp",
                    "type", "gradio", "url", sim.baseUrl(), "models", List.of("small", "large"),
                    "aliases", Map.of("s", "small"), "defaultModel", "large", "tokenEnv", "MY_APP_TOKEN"));
            assertThat(outcomes).hasSize(1).first().isInstanceOf(ProviderOutcome.Created.class);
            ProviderOutcome.Created created = (ProviderOutcome.Created) outcomes.get(0);
            assertThat(created.origin()).isEqualTo(ProviderOutcome.Origin.CONFIGURED);
            try (AsyncGeneratorProvider app = created.provider()) {
                assertThat(app.name()).isEqualTo("MyApp");
                ProviderModelMixin models = (ProviderModelMixin) app;
                assertThat(models.models()).containsExactly("small", "large");
                assertThat(models.defaultModel()).isEqualTo("large");
                assertThat(models.getModel("s")).isEqualTo("small");
                String answer = app.createAsyncGenerator("s", Messages.ofUser("hi"), ProviderOptions.builder()
                        .idleTimeout(Duration.ofSeconds(10)).build()).text().get(20, TimeUnit.SECONDS);
                assertThat(answer).isEqualTo("ok");
                assertThat(sim.requests()).filteredOn(r -> r.path().endsWith("/queue/join"))
                        .extracting(r -> r.header("authorization").orElse(null)).containsOnly("Bearer secret-value");
            }
        }
    }

    @Test
    void anApiNameChoosesTheEndpointAndAnUnknownOneIsExplained() throws Exception {
        try (GradioSimulator sim = GradioSimulator.builder().app(SimulatedApp.qwen25()).tokenDelay(Duration.ZERO)
                .replyFunction(r -> List.of("fine")).start()) {
            ProviderOutcome.Created good = (ProviderOutcome.Created) create(Map.of(),
                    entry("name", "Qwen", "type", "gradio", "url", sim.baseUrl(), "apiName", "/model_chat")).get(0);
            ProviderOutcome.Created bad = (ProviderOutcome.Created) create(Map.of(),
                    entry("name", "Qwen", "type", "gradio", "url", sim.baseUrl(), "apiName", "nope")).get(0);
            try (AsyncGeneratorProvider g = good.provider(); AsyncGeneratorProvider b = bad.provider()) {
                assertThat(g.createAsyncGenerator(null, Messages.ofUser("hi")).text().get(20, TimeUnit.SECONDS))
                        .isEqualTo("fine");
                Throwable error = org.assertj.core.api.Assertions.catchThrowable(() ->
                        b.createAsyncGenerator(null, Messages.ofUser("hi")).text().get(20, TimeUnit.SECONDS));
                assertThat(error).hasCauseInstanceOf(dev.g4j.provider.api.UpstreamProtocolException.class)
                        .hasMessageContaining("no endpoint /nope").hasMessageContaining("model_chat");
            }
        }
    }

    @Test
    void badEntriesAreRejectedOneByOneAndALiteralTokenNeverAccepted() {
        List<ProviderOutcome> outcomes = create(Map.of(),
                entry("name", "Leaky", "type", "gradio", "url", "http://127.0.0.1:7860", "token", "hf_abcdef"),
                entry("name", "Nowhere", "type", "gradio"),
                entry("name", "Both", "type", "gradio", "url", "http://127.0.0.1:7860", "space", "a/b"),
                entry("name", "Odd", "type", "gradio", "space", "not a space"),
                entry("name", "Alias", "type", "gradio", "space", "a/b", "models", List.of("m"), "aliases", Map.of("x", "y")),
                entry("name", "NoToken", "type", "gradio", "space", "a/b", "tokenEnv", "UNSET_VARIABLE"),
                entry("name", "Fine", "type", "gradio", "space", "owner/app"));
        assertThat(outcomes).hasSize(7);
        assertThat(outcomes.subList(0, 5)).allMatch(ProviderOutcome.Rejected.class::isInstance);
        ProviderOutcome.Rejected leaky = (ProviderOutcome.Rejected) outcomes.get(0);
        assertThat(leaky.name()).isEqualTo("Leaky");
        assertThat(leaky.source()).isEqualTo("providers.json");
        assertThat(leaky.reason()).contains("tokenEnv").doesNotContain("hf_abcdef");
        assertThat(((ProviderOutcome.Rejected) outcomes.get(1)).reason()).contains("url");
        assertThat(outcomes.get(5)).isInstanceOf(ProviderOutcome.Disabled.class);
        assertThat(((ProviderOutcome.Disabled) outcomes.get(5)).reason()).contains("UNSET_VARIABLE");
        assertThat(outcomes.get(6)).isInstanceOf(ProviderOutcome.Created.class);
        AsyncGeneratorProvider fine = ((ProviderOutcome.Created) outcomes.get(6)).provider();
        assertThat(fine.url()).isEqualTo("https://huggingface.co/spaces/owner/app");
    }
}
