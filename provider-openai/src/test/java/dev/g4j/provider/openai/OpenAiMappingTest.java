package dev.g4j.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.openai.testkit.ReasoningField;
import dev.g4j.openai.testkit.RecordedRequest;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.Secret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiMappingTest {
    private static final String ANSWER = "The quick brown fox jumps.";

    static OpenAiCompatibleProvider.Builder provider(OpenAiSimulator sim) {
        return OpenAiCompatibleProvider.builder().name("Sim").baseUrl(sim.baseUrl())
                .models(OpenAiSimulator.DEFAULT_MODELS).environment(name -> null);
    }

    @Test
    void streamsTextUsageAndOneFinishLast() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(ANSWER).start();
             OpenAiCompatibleProvider p = provider(sim).build()) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Say it")));
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo(ANSWER);
            assertThat(a.count(ResponseChunk.Text.class)).isEqualTo(5);
            assertThat(a.usage()).contains(ResponseChunk.usage(2, 5, 7));
            assertThat(a.count(ResponseChunk.Finish.class)).isEqualTo(1);
            assertThat(a.last()).isEqualTo(ResponseChunk.finish("stop"));
            assertThat(a.chunks.get(a.chunks.size() - 2)).isInstanceOf(ResponseChunk.Usage.class);
        }
    }

    @Test
    void sendsNativeMessagesTypedParametersStreamOptionsAndTheModel() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(ANSWER).start();
             OpenAiCompatibleProvider p = provider(sim).header("HTTP-Referer", "https://g4j.dev").build()) {
            Messages conversation = Messages.of(Message.system("Be brief."), Message.user("Hi"),
                    Message.assistant("Hello!"), Message.user("Tell me more"));
            ProviderOptions options = ProviderOptions.builder().temperature(0.3).topP(0.9).maxTokens(64)
                    .stop(List.of("END", "\n\n")).seed(42L).build();
            Answer a = Answer.of(p.createAsyncGenerator("sim-reasoner", conversation, options));
            assertThat(a.error).isNull();
            RecordedRequest sent = sim.lastChatRequest().orElseThrow();
            JsonNode body = sent.json();
            assertThat(sent.path()).isEqualTo("/v1/chat/completions");
            assertThat(body.path("model").asText()).isEqualTo("sim-reasoner");
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
            assertThat(body.path("messages")).hasSize(4);
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Be brief.");
            assertThat(body.path("messages").get(2).path("role").asText()).isEqualTo("assistant");
            assertThat(body.path("messages").get(3).path("content").asText()).isEqualTo("Tell me more");
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
            assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
            assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
            assertThat(body.path("stop").get(0).asText()).isEqualTo("END");
            assertThat(body.path("stop").get(1).asText()).isEqualTo("\n\n");
            assertThat(body.path("seed").asLong()).isEqualTo(42L);
            assertThat(sent.header("HTTP-Referer")).isEqualTo("https://g4j.dev");
            assertThat(sent.header("accept")).isEqualTo("text/event-stream");
            assertThat(sent.header("authorization")).isNull();
            assertThat(p.supportedParameters()).containsExactlyInAnyOrder(GenerationParameter.values());
        }
    }

    @Test
    void leavesOutParametersThatAreNotSet() {
        try (OpenAiSimulator sim = OpenAiSimulator.start(); OpenAiCompatibleProvider p = provider(sim).build()) {
            Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi")));
            JsonNode body = sim.lastChatRequest().orElseThrow().json();
            assertThat(body.has("temperature")).isFalse();
            assertThat(body.has("top_p")).isFalse();
            assertThat(body.has("max_tokens")).isFalse();
            assertThat(body.has("stop")).isFalse();
            assertThat(body.has("seed")).isFalse();
            assertThat(body.path("model").asText()).isEqualTo("sim-model");
        }
    }

    @Test
    void mapsReasoningContentAndReasoningFields() {
        for (ReasoningField field : ReasoningField.values()) {
            try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("42").reasoning("Let me think.")
                    .reasoningField(field).start(); OpenAiCompatibleProvider p = provider(sim).build()) {
                Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Answer?")));
                assertThat(a.error).isNull();
                assertThat(a.reasoning()).as(field.wireName()).isEqualTo("Let me think.");
                assertThat(a.text()).isEqualTo("42");
                assertThat(a.chunks.indexOf(ResponseChunk.reasoning("Let me "))).isLessThan(a.chunks.indexOf(ResponseChunk.text("42")));
                assertThat(a.usage().orElseThrow().completionTokens()).isEqualTo(4);
            }
        }
    }

    @Test
    void mapsFinishReasonLength() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(ANSWER).start(); OpenAiCompatibleProvider p = provider(sim).build()) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"), ProviderOptions.builder().maxTokens(2).build()));
            assertThat(a.text()).isEqualTo("The quick ");
            assertThat(a.last()).isEqualTo(ResponseChunk.finish("length"));
        }
    }

    @Test
    void readsCrlfFramesAndSkipsKeepAliveComments() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(ANSWER).crlf(true).keepAliveComments(true).start();
             OpenAiCompatibleProvider p = provider(sim).build()) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi")));
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo(ANSWER);
            assertThat(a.count(ResponseChunk.Finish.class)).isEqualTo(1);
        }
    }

    @Test
    void askesForTheWholeAnswerWhenTheProviderCannotStream() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(ANSWER).reasoning("Hmm.").start();
             OpenAiCompatibleProvider p = provider(sim).supportsStream(false).build()) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi")));
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo(ANSWER);
            assertThat(a.reasoning()).isEqualTo("Hmm.");
            assertThat(a.usage()).contains(ResponseChunk.usage(1, 6, 7));
            assertThat(a.last()).isEqualTo(ResponseChunk.finish("stop"));
            JsonNode body = sim.lastChatRequest().orElseThrow().json();
            assertThat(body.path("stream").asBoolean(true)).isFalse();
            assertThat(body.has("stream_options")).isFalse();
            assertThat(p.supportsStream()).isFalse();
        }
    }

    @Test
    void sendsTheKeyFromOptionsBeforeTheProvidersOwn() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().apiKey("sk-options").start();
             OpenAiCompatibleProvider p = provider(sim).apiKeyEnv("SIM_KEY").environment(Map.of("SIM_KEY", "sk-env")::get).build()) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"),
                    ProviderOptions.builder().apiKey(Secret.of("sk-options")).build()));
            assertThat(a.error).isNull();
            assertThat(sim.lastChatRequest().orElseThrow().header("authorization")).isEqualTo("Bearer sk-options");
        }
    }

    @Test
    void sendsTheKeyFromItsEnvironmentVariable() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().apiKey("sk-env").start();
             OpenAiCompatibleProvider p = provider(sim).apiKeyEnv("SIM_KEY").environment(Map.of("SIM_KEY", "sk-env")::get).build()) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi")));
            assertThat(a.error).isNull();
            assertThat(p.needsAuth()).isTrue();
            assertThat(sim.lastChatRequest().orElseThrow().header("authorization")).isEqualTo("Bearer sk-env");
        }
    }

    @Test
    void optionsBaseUrlReplacesTheProvidersOwn() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("moved").start();
             OpenAiCompatibleProvider p = OpenAiCompatibleProvider.builder().name("Elsewhere")
                     .baseUrl("http://127.0.0.1:9/v1").models(OpenAiSimulator.DEFAULT_MODELS).build()) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"),
                    ProviderOptions.builder().baseUrl(sim.baseUrl() + "/").build()));
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo("moved");
        }
    }

    @Test
    void pinnedUnlistedModelPassesThroughAnOpenModelList() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().acceptAnyModel(true).start();
             OpenAiCompatibleProvider p = provider(sim).models(List.of("llama3.2")).openModelList(true).build()) {
            Answer a = Answer.of(p.createAsyncGenerator("qwen2.5:7b", Messages.ofUser("Hi")));
            assertThat(a.error).isNull();
            assertThat(sim.lastChatRequest().orElseThrow().json().path("model").asText()).isEqualTo("qwen2.5:7b");
        }
    }

    @Test
    void discoversTheServersModels() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().models(List.of("qwen2.5:7b", "llama3.2:latest")).start();
             OpenAiCompatibleProvider p = provider(sim).build()) {
            assertThat(p.discoverModels(ProviderOptions.defaults()).get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .containsExactly("qwen2.5:7b", "llama3.2:latest");
            assertThat(sim.requests().get(0).path()).isEqualTo("/v1/models");
        }
    }

    @Test
    void descriptiveMethodsDoNoIoAndToStringHidesTheKey() {
        OpenAiCompatibleProvider p = OpenAiCompatibleProvider.builder().name("Hidden").baseUrl("http://127.0.0.1:9/v1")
                .apiKey(Secret.of("sk-very-secret")).models(List.of("m")).build();
        assertThat(p.name()).isEqualTo("Hidden");
        assertThat(p.url()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(p.defaultModel()).isEqualTo("m");
        assertThat(p.toString()).doesNotContain("sk-very-secret");
        p.close();
    }
}
