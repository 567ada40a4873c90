package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider-api 1.0 additions: new chunks, typed parameters, secrets, redaction, open model lists, factories. */
class ApiOneZeroTest {

    @Test
    void reasoningIsKeptApartFromTheAnswer() throws Exception {
        String text = AsyncResult.of(ResponseChunk.reasoning("let me think"), ResponseChunk.text("4"),
                ResponseChunk.usage(3, 1, 4), ResponseChunk.finish("stop")).text().get();
        assertThat(text).isEqualTo("4");
        assertThatThrownBy(() -> ResponseChunk.reasoning("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ResponseChunk.Usage(null, 5, null).completionTokens()).isEqualTo(5);
        assertThatThrownBy(() -> new ResponseChunk.Usage(-1, null, null)).hasMessageContaining("promptTokens");
    }

    @Test
    void typedParametersAreValidatedWhenSet() {
        ProviderOptions o = ProviderOptions.builder().temperature(0).topP(1).maxTokens(1).stop("\n\n").seed(-7).build();
        assertThat(o.temperature()).contains(0.0);
        assertThat(o.topP()).contains(1.0);
        assertThat(o.maxTokens()).contains(1);
        assertThat(o.stop()).containsExactly("\n\n");
        assertThat(o.seed()).contains(-7L);
        assertThat(o.generationParameters()).containsExactlyInAnyOrder(GenerationParameter.values());
        assertThat(ProviderOptions.defaults().generationParameters()).isEmpty();
        assertThat(o.toBuilder().clearGenerationParameters().build()).isEqualTo(ProviderOptions.defaults());

        assertThatThrownBy(() -> ProviderOptions.builder().temperature(2.01)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> ProviderOptions.builder().temperature(Double.NaN)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> ProviderOptions.builder().topP(0)).hasMessageContaining("topP");
        assertThatThrownBy(() -> ProviderOptions.builder().maxTokens(0)).hasMessageContaining("maxTokens");
        assertThatThrownBy(() -> ProviderOptions.builder().stop(List.of(""))).hasMessageContaining("stop");
        assertThat(GenerationParameter.TOP_P.wireName()).isEqualTo("top_p");
    }

    @Test
    void theApiKeyNeverShowsAndTheOldBearerTokenParamStillWorks() {
        ProviderOptions o = ProviderOptions.builder().apiKey("sk-live-123456").build();
        assertThat(o.apiKey()).map(Secret::reveal).contains("sk-live-123456");
        assertThat(o.toString()).doesNotContain("sk-live").contains("apiKey=***");
        assertThat(String.valueOf(o.apiKey().get())).isEqualTo("***");

        ProviderOptions legacy = ProviderOptions.builder().param("bearerToken", "hf_abc").build();
        assertThat(legacy.apiKey()).map(Secret::reveal).contains("hf_abc");
        assertThat(legacy.toString()).doesNotContain("hf_abc");
        assertThat(ProviderOptions.defaults().apiKey()).isEmpty();
    }

    @Test
    void proxyCredentialsNeverAppearInValidationMessages() {
        for (String bad : List.of("http://alice:S3cr3tPass@proxy.example", "ftp://alice:S3cr3tPass@proxy.example:21",
                "http://alice:S3cr3tPass@proxy.example:99999", "http://alice:S3cr@tPass@proxy.example",
                "http://alice:S3cr3tPass@proxy example:8080")) {
            assertThatThrownBy(() -> ProviderOptions.builder().proxy(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).doesNotContain("S3cr").contains("***@");
                        assertThat(e.getCause()).isNull();
                    });
        }
        assertThatThrownBy(() -> ProviderOptions.builder().baseUrl("ftp://bob:hunter2@host"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void redactionMasksEveryUrlInATextUpToTheLastAtBeforeTheHost() {
        assertThat(Redaction.maskUserInfo("via socks5://u:p@w@h:1080/x and http://a:b@c"))
                .isEqualTo("via socks5://***@h:1080/x and http://***@c");
        assertThat(Redaction.maskUserInfo("mail me at a@b.c")).isEqualTo("mail me at a@b.c");
        assertThat(Redaction.maskUserInfo(null)).isNull();
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        assertThat(new RateLimitException(429, "slow down", "busy", Duration.ofSeconds(7)).retryAfter())
                .contains(Duration.ofSeconds(7));
        assertThat(new RateLimitException("busy").retryAfter()).isEmpty();
    }

    @Test
    void anOpenModelListPassesUnlistedNamesThroughAndAClosedOneRefusesThem() {
        ProviderModelMixin open = new TestModels(true);
        ProviderModelMixin closed = new TestModels(false);
        assertThat(open.getModel(" qwen2.5:7b ")).isEqualTo("qwen2.5:7b");
        assertThat(open.getModel("fast")).isEqualTo("llama3");
        assertThatThrownBy(() -> closed.getModel("qwen2.5:7b")).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void providerEntriesReadTypedValuesAndSayWhatIsWrong() {
        ProviderEntry e = new ProviderEntry(Map.of("name", "Box", "models", List.of("a", "b"),
                "aliases", Map.of("x", "a"), "port", 8080), "providers.json:3");
        assertThat(e.string("name")).isEqualTo("Box");
        assertThat(e.strings("models")).containsExactly("a", "b");
        assertThat(e.stringMap("aliases")).containsEntry("x", "a");
        assertThat(e.strings("missing")).isEmpty();
        assertThatThrownBy(() -> e.string("port")).hasMessageContaining("'port' must be a string, got a number");
        assertThatThrownBy(() -> e.strings("name")).hasMessageContaining("list of strings");
        FactoryContext ctx = new FactoryContext(List.of(e), Map.of("K", " ", "J", "v"), java.nio.file.Path.of("/h"));
        assertThat(ctx.env("K")).isNull();
        assertThat(ctx.env("J")).isEqualTo("v");
    }

    private static final class TestModels implements ProviderModelMixin {
        private final boolean open;

        TestModels(boolean open) {
            this.open = open;
        }

        @Override
        public String defaultModel() {
            return "llama3";
        }

        @Override
        public List<String> models() {
            return List.of("llama3");
        }

        @Override
        public Map<String, String> modelAliases() {
            return Map.of("fast", "llama3");
        }

        @Override
        public boolean acceptsUnlistedModels() {
            return open;
        }
    }

    @Test
    void unsupportedParametersDefaultToNone() {
        AsyncGeneratorProvider p = new EchoProvider();
        assertThat(p.supportedParameters()).isEqualTo(Set.of());
    }
}
