package dev.g4j.gateway;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LangChain4j's OpenAI module, unchanged, against the gateway. */
class LangChain4jTest {
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static OpenAiChatModel chatModel(String model, String key) {
        return OpenAiChatModel.builder().baseUrl(fixture.baseUrl.toString()).apiKey(key).modelName(model).maxRetries(0).build();
    }

    private static OpenAiStreamingChatModel streamingModel(String model) {
        return OpenAiStreamingChatModel.builder().baseUrl(fixture.baseUrl.toString()).apiKey(GatewayFixture.KEY)
                .modelName(model).build();
    }

    /** Collects a streamed answer: the partial texts, then the whole response or the error. */
    private static final class Collector implements StreamingChatResponseHandler {
        final StringBuilder partial = new StringBuilder();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String text) {
            partial.append(text);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }
    }

    @Test
    void nonStreamingChat() {
        ChatResponse response = chatModel("fake-1", GatewayFixture.KEY)
                .chat(SystemMessage.from("Be brief."), UserMessage.from("Hi"));

        assertThat(response.aiMessage().text()).isEqualTo("Hello, world!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(8);
        assertThat(response.metadata().modelName()).isEqualTo("fake-1");
    }

    @Test
    void streamingChat() throws Exception {
        Collector collector = new Collector();
        streamingModel("fake-1").chat("Hi", collector);

        ChatResponse response = collector.done.get(20, TimeUnit.SECONDS);
        assertThat(collector.partial.toString()).isEqualTo("Hello, world!");
        assertThat(response.aiMessage().text()).isEqualTo("Hello, world!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void listsModels() {
        OpenAiModelCatalog catalog = OpenAiModelCatalog.builder().baseUrl(fixture.baseUrl.toString())
                .apiKey(GatewayFixture.KEY).build();

        assertThat(catalog.listModels()).extracting(ModelDescription::name).contains("fake-1", "broken", "stall");
    }

    @Test
    void unknownModelIsNotFound() {
        assertThatThrownBy(() -> chatModel("fake-9", GatewayFixture.KEY).chat("Hi"))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("fake-1");
    }

    @Test
    void wrongKeyIsAnAuthenticationError() {
        assertThatThrownBy(() -> chatModel("fake-1", "wrong").chat("Hi")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void upstreamFailureMidStreamReachesTheHandler() throws Exception {
        Collector collector = new Collector();
        streamingModel("broken").chat("Hi", collector);

        assertThat(collector.done).failsWithin(20, TimeUnit.SECONDS)
                .withThrowableThat().withMessageContaining("closed the connection");
        assertThat(collector.partial.toString()).isEqualTo("Partial answer");
    }
}
