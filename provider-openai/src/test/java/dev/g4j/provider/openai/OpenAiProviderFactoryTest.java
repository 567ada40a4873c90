package dev.g4j.provider.openai;

import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.provider.api.FactoryContext;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderEntry;
import dev.g4j.provider.api.ProviderFactory;
import dev.g4j.provider.api.ProviderOutcome;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiProviderFactoryTest {
    private final List<ProviderOutcome> made = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        made.stream().filter(o -> o instanceof ProviderOutcome.Created)
                .forEach(o -> ((ProviderOutcome.Created) o).provider().close());
    }

    private List<ProviderOutcome> create(Map<String, String> env, ProviderEntry... entries) {
        List<ProviderOutcome> outcomes = new OpenAiProviderFactory()
                .createProviders(new FactoryContext(List.of(entries), env, Path.of("/tmp/g4j-home")));
        made.addAll(outcomes);
        return outcomes;
    }

    private static ProviderOutcome byName(List<ProviderOutcome> outcomes, String name) {
        return outcomes.stream().filter(o -> name.equals(nameOf(o))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + outcomes));
    }

    private static String nameOf(ProviderOutcome o) {
        if (o instanceof ProviderOutcome.Created c) {
            return c.provider().name();
        }
        return o instanceof ProviderOutcome.Disabled d ? d.name() : ((ProviderOutcome.Rejected) o).name();
    }

    private static ProviderEntry entry(Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", "openai");
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new ProviderEntry(values, "/home/u/.g4j/providers.json:7");
    }

    @Test
    void isDeclaredForServiceLoaderOnTheModuleAndTheClassPath() throws Exception {
        assertThat(new OpenAiProviderFactory().type()).isEqualTo("openai");
        try (var in = OpenAiProviderFactory.class.getResourceAsStream("/META-INF/services/" + ProviderFactory.class.getName())) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip())
                    .isEqualTo(OpenAiProviderFactory.class.getName());
        }
        Module module = OpenAiProviderFactory.class.getModule();
        if (module.isNamed()) {
            assertThat(module.getDescriptor().provides()).anySatisfy(p -> {
                assertThat(p.service()).isEqualTo(ProviderFactory.class.getName());
                assertThat(p.providers()).containsExactly(OpenAiProviderFactory.class.getName());
            });
        }
    }

    @Test
    void localPresetsNeedNoKeyAndHostedOnesAreDisabledWithoutTheirKey() {
        List<ProviderOutcome> outcomes = create(Map.of());
        for (String local : List.of("Ollama", "LlamaCpp", "LMStudio", "VLLM")) {
            ProviderOutcome o = byName(outcomes, local);
            assertThat(o).isInstanceOf(ProviderOutcome.Created.class);
            assertThat(((ProviderOutcome.Created) o).origin()).isEqualTo(ProviderOutcome.Origin.LOCAL);
            OpenAiCompatibleProvider p = (OpenAiCompatibleProvider) ((ProviderOutcome.Created) o).provider();
            assertThat(p.acceptsUnlistedModels()).isTrue();
            assertThat(p.needsAuth()).isFalse();
            assertThat(p.local()).isTrue();
        }
        Map<String, String> keys = Map.of("OpenRouter", "OPENROUTER_API_KEY", "Groq", "GROQ_API_KEY",
                "DeepInfra", "DEEPINFRA_API_KEY", "Together", "TOGETHER_API_KEY", "Mistral", "MISTRAL_API_KEY",
                "OpenAI", "OPENAI_API_KEY");
        keys.forEach((name, variable) -> {
            ProviderOutcome o = byName(outcomes, name);
            assertThat(o).isInstanceOf(ProviderOutcome.Disabled.class);
            assertThat(((ProviderOutcome.Disabled) o).reason()).startsWith("set " + variable);
        });
        assertThat(((ProviderOutcome.Created) byName(outcomes, "Ollama")).provider().url()).isEqualTo("http://localhost:11434/v1");
        assertThat(((ProviderOutcome.Created) byName(outcomes, "LlamaCpp")).provider().url()).isEqualTo("http://localhost:8080/v1");
        assertThat(((ProviderOutcome.Created) byName(outcomes, "LMStudio")).provider().url()).isEqualTo("http://localhost:1234/v1");
        assertThat(((ProviderOutcome.Created) byName(outcomes, "VLLM")).provider().url()).isEqualTo("http://localhost:8000/v1");
    }

    @Test
    void aHostedPresetIsEnabledByItsKeyAndSendsIt() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().apiKey("gsk-test").models(List.of("llama-3.3-70b-versatile")).start()) {
            List<ProviderOutcome> outcomes = create(Map.of("GROQ_API_KEY", "gsk-test"));
            ProviderOutcome groq = byName(outcomes, "Groq");
            assertThat(groq).isInstanceOf(ProviderOutcome.Created.class);
            assertThat(((ProviderOutcome.Created) groq).origin()).isEqualTo(ProviderOutcome.Origin.HOSTED);
            OpenAiCompatibleProvider p = (OpenAiCompatibleProvider) ((ProviderOutcome.Created) groq).provider();
            assertThat(p.url()).isEqualTo("https://api.groq.com/openai/v1");
            assertThat(p.getModel("llama-3.3-70b")).isEqualTo("llama-3.3-70b-versatile");
            assertThat(p.toString()).doesNotContain("gsk-test");
            Answer a = Answer.of(p.createAsyncGenerator("llama-3.3-70b", Messages.ofUser("Hi"),
                    dev.g4j.provider.api.ProviderOptions.builder().baseUrl(sim.baseUrl()).build()));
            assertThat(a.error).isNull();
            assertThat(sim.lastChatRequest().orElseThrow().header("authorization")).isEqualTo("Bearer gsk-test");
            assertThat(byName(outcomes, "OpenAI")).isInstanceOf(ProviderOutcome.Disabled.class);
        }
    }

    @Test
    void everyHostedPresetHasItsDocumentedBaseUrl() {
        Map<String, String> env = Map.of("OPENROUTER_API_KEY", "k", "GROQ_API_KEY", "k", "DEEPINFRA_API_KEY", "k",
                "TOGETHER_API_KEY", "k", "MISTRAL_API_KEY", "k", "OPENAI_API_KEY", "k");
        List<ProviderOutcome> outcomes = create(env);
        Map<String, String> urls = Map.of("OpenRouter", "https://openrouter.ai/api/v1", "Groq", "https://api.groq.com/openai/v1",
                "DeepInfra", "https://api.deepinfra.com/v1/openai", "Together", "https://api.together.xyz/v1",
                "Mistral", "https://api.mistral.ai/v1", "OpenAI", "https://api.openai.com/v1");
        urls.forEach((name, url) -> {
            OpenAiCompatibleProvider p = (OpenAiCompatibleProvider) ((ProviderOutcome.Created) byName(outcomes, name)).provider();
            assertThat(p.url()).isEqualTo(url);
            assertThat(p.models()).isNotEmpty();
            assertThat(p.needsAuth()).isTrue();
        });
    }

    @Test
    void aGoodEntryBecomesAConfiguredProvider() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().apiKey("sk-box").models(List.of("qwen2.5:7b", "llama3.2")).start()) {
            List<ProviderOutcome> outcomes = create(Map.of("BOX_KEY", "sk-box"), entry("name", "HomeBox", "baseUrl", sim.baseUrl(),
                    "apiKeyEnv", "BOX_KEY", "models", List.of("qwen2.5:7b", "llama3.2"), "aliases", Map.of("qwen", "qwen2.5:7b"),
                    "defaultModel", "llama3.2", "headers", Map.of("X-Team", "blue")));
            ProviderOutcome o = byName(outcomes, "HomeBox");
            assertThat(o).isInstanceOf(ProviderOutcome.Created.class);
            assertThat(((ProviderOutcome.Created) o).origin()).isEqualTo(ProviderOutcome.Origin.CONFIGURED);
            assertThat(outcomes.indexOf(o)).isZero();
            OpenAiCompatibleProvider p = (OpenAiCompatibleProvider) ((ProviderOutcome.Created) o).provider();
            assertThat(p.defaultModel()).isEqualTo("llama3.2");
            assertThat(p.acceptsUnlistedModels()).isFalse();
            assertThat(p.local()).isTrue();
            Answer a = Answer.of(p.createAsyncGenerator("qwen", Messages.ofUser("Hi")));
            assertThat(a.error).isNull();
            assertThat(sim.lastChatRequest().orElseThrow().json().path("model").asText()).isEqualTo("qwen2.5:7b");
            assertThat(sim.lastChatRequest().orElseThrow().header("x-team")).isEqualTo("blue");
            assertThat(sim.lastChatRequest().orElseThrow().header("authorization")).isEqualTo("Bearer sk-box");
        }
    }

    @Test
    void anEntryWithTheKeyItselfIsRejectedWithoutShowingIt() {
        List<ProviderOutcome> outcomes = create(Map.of(), entry("name", "Leaky", "baseUrl", "https://api.example.com/v1",
                "apiKey", "sk-in-the-file"));
        ProviderOutcome.Rejected r = (ProviderOutcome.Rejected) byName(outcomes, "Leaky");
        assertThat(r.source()).isEqualTo("/home/u/.g4j/providers.json:7");
        assertThat(r.reason()).contains("never write a key").contains("apiKeyEnv").doesNotContain("sk-in-the-file");
    }

    @Test
    void badEntriesAreRejectedWithAReasonAndNeverHideTheOthers() {
        List<ProviderOutcome> outcomes = create(Map.of(),
                entry("baseUrl", "http://localhost:1/v1"),
                entry("name", "NoUrl"),
                entry("name", "BadUrl", "baseUrl", "ftp://example.com"),
                entry("name", "Bad:Name", "baseUrl", "http://localhost:1/v1"),
                entry("name", "Typo", "baseURL", "http://localhost:1/v1"),
                entry("name", "BadModels", "baseUrl", "http://localhost:1/v1", "models", "m1"),
                entry("name", "AuthHeader", "baseUrl", "http://localhost:1/v1", "headers", Map.of("Authorization", "Bearer x")),
                entry("name", "BadDefault", "baseUrl", "http://localhost:1/v1", "models", List.of("a"), "defaultModel", "b"),
                entry("name", "Good", "baseUrl", "http://localhost:1/v1"),
                entry("name", "good", "baseUrl", "http://localhost:2/v1"));
        assertThat(byName(outcomes, "(unnamed openai entry)")).isInstanceOf(ProviderOutcome.Rejected.class);
        assertThat(((ProviderOutcome.Rejected) byName(outcomes, "NoUrl")).reason()).contains("'baseUrl' is required");
        assertThat(((ProviderOutcome.Rejected) byName(outcomes, "BadUrl")).reason()).contains("http://");
        assertThat(((ProviderOutcome.Rejected) byName(outcomes, "Bad:Name")).reason()).contains("no colon");
        assertThat(((ProviderOutcome.Rejected) byName(outcomes, "Typo")).reason()).contains("unknown key 'baseURL'");
        assertThat(((ProviderOutcome.Rejected) byName(outcomes, "BadModels")).reason()).contains("'models' must be a list");
        assertThat(((ProviderOutcome.Rejected) byName(outcomes, "AuthHeader")).reason()).contains("apiKeyEnv");
        assertThat(((ProviderOutcome.Rejected) byName(outcomes, "BadDefault")).reason()).contains("default model 'b'");
        assertThat(byName(outcomes, "Good")).isInstanceOf(ProviderOutcome.Created.class);
        assertThat(((ProviderOutcome.Rejected) byName(outcomes, "good")).reason()).contains("already has this name");
        assertThat(byName(outcomes, "Ollama")).isInstanceOf(ProviderOutcome.Created.class);
    }

    @Test
    void anEntryNamedLikeAPresetReplacesIt() {
        List<ProviderOutcome> outcomes = create(Map.of(), entry("name", "Ollama", "baseUrl", "http://gpu-box:11434/v1"));
        assertThat(outcomes.stream().filter(o -> "Ollama".equals(nameOf(o)))).hasSize(1);
        ProviderOutcome.Created o = (ProviderOutcome.Created) byName(outcomes, "Ollama");
        assertThat(o.origin()).isEqualTo(ProviderOutcome.Origin.CONFIGURED);
        assertThat(o.provider().url()).isEqualTo("http://gpu-box:11434/v1");
    }

    @Test
    void pinnedOllamaModelWithASecondColonResolvesThroughTheRegistry() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().models(List.of("qwen2.5:7b")).answer("pinned").start()) {
            OpenAiCompatibleProvider ollama = (OpenAiCompatibleProvider) ((ProviderOutcome.Created) byName(create(Map.of()), "Ollama")).provider();
            try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(ollama).build()) {
                Answer a = Answer.of(registry.create("Ollama:qwen2.5:7b", Messages.ofUser("Hi"),
                        dev.g4j.provider.api.ProviderOptions.builder().baseUrl(sim.baseUrl()).build()));
                assertThat(a.error).isNull();
                assertThat(a.text()).isEqualTo("pinned");
                assertThat(sim.lastChatRequest().orElseThrow().json().path("model").asText()).isEqualTo("qwen2.5:7b");
            }
        }
    }
}
