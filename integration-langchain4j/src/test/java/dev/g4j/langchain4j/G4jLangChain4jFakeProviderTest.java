package dev.g4j.langchain4j;

import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.Role;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.g4j.provider.testing.FakeProvider;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mapping, streaming, errors and cancellation against a fake provider. */
class G4jLangChain4jFakeProviderTest {
    private FakeProvider fake;
    private ProviderRegistry registry;
    private G4jChatModel chat;
    private G4jStreamingChatModel streaming;

    @BeforeEach
    void setUp() {
        fake = new FakeProvider();
        registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(fake).build();
        chat = G4jChatModel.builder().registry(registry).build();
        streaming = G4jStreamingChatModel.builder().registry(registry).build();
    }

    @AfterEach
    void tearDown() {
        chat.close();
        streaming.close();
        registry.close();
    }

    private static ChatResponse await(RecordingHandler handler) throws Exception {
        return handler.done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void mapsMessagesAndParametersOntoTheOptions() {
        ProviderOptions base = ProviderOptions.builder().temperature(1.5).seed(7).build();
        try (G4jChatModel model = G4jChatModel.builder().registry(registry).model("Fake:").options(base).build()) {
            ChatRequest request = ChatRequest.builder()
                    .messages(SystemMessage.from("Be brief."), UserMessage.from("Hi"))
                    .temperature(0.3).topP(0.9).maxOutputTokens(42).stopSequences(List.of("END"))
                    .build();

            ChatResponse response = model.chat(request);

            assertThat(response.aiMessage().text()).isEqualTo("Hello world");
            assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(response.modelName()).startsWith("Fake:");
            assertThat(fake.lastMessages().asList()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
            assertThat(fake.lastMessages().asList().get(0).content()).isEqualTo("Be brief.");
            assertThat(fake.lastOptions().temperature()).contains(0.3);
            assertThat(fake.lastOptions().topP()).contains(0.9);
            assertThat(fake.lastOptions().maxTokens()).contains(42);
            assertThat(fake.lastOptions().stop()).containsExactly("END");
            assertThat(fake.lastOptions().seed()).as("options the request does not set are kept").contains(7L);
        }
    }

    @Test
    void streamsReasoningToTheThinkingCallbackAndReportsUsage() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        streaming.chat("reason", handler);

        ChatResponse response = await(handler);
        assertThat(handler.thinking).containsExactly("Let me think.");
        assertThat(handler.partials).containsExactly("Done");
        assertThat(response.aiMessage().text()).isEqualTo("Done");
        assertThat(response.aiMessage().thinking()).isEqualTo("Let me think.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(3);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(4);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(7);
    }

    @Test
    void aReplacementThatExtendsTheTextIsStreamedAsADelta() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        streaming.chat("replace", handler);

        ChatResponse response = await(handler);
        assertThat(handler.partials).containsExactly("Hello", " world", "!");
        assertThat(response.aiMessage().text()).isEqualTo("Hello world!");
    }

    @Test
    void aRewriteCannotBeStreamedButTheFinalResponseHasTheExactText() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        streaming.chat("rewrite", handler);

        ChatResponse response = await(handler);
        assertThat(handler.partials).containsExactly("Hello wrld", "!");
        assertThat(response.aiMessage().text()).isEqualTo("Hello world!");
        assertThat(chat.chat("rewrite")).isEqualTo("Hello world!");
    }

    @Test
    void aRemoteFailureReachesBothModelsTypedWithOurMessage() {
        assertThatThrownBy(() -> chat.chat("fail"))
                .isInstanceOf(RemoteProcessException.class)
                .hasMessageContaining("fake upstream failed on purpose");

        RecordingHandler handler = new RecordingHandler();
        streaming.chat("fail", handler);
        assertThatThrownBy(() -> await(handler)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RemoteProcessException.class)
                .hasMessageContaining("fake upstream failed on purpose");
        assertThat(handler.partials).containsExactly("partial");
    }

    @Test
    void anUnknownModelReachesBothModelsTyped() {
        try (G4jChatModel model = G4jChatModel.builder().registry(registry).model("no-such-model").build();
             G4jStreamingChatModel stream = G4jStreamingChatModel.builder().registry(registry).model("no-such-model").build()) {
            assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("no-such-model");

            RecordingHandler handler = new RecordingHandler();
            stream.chat("Hi", handler);
            assertThatThrownBy(() -> await(handler)).cause().isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("no-such-model");
        }
    }

    @Test
    void imagesAreRefusedWithAClearError() {
        UserMessage withImage = UserMessage.from(TextContent.from("What is this?"),
                ImageContent.from("http://127.0.0.1/cat.png"));
        assertThatThrownBy(() -> chat.chat(withImage)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text only").hasMessageContaining("IMAGE");

        RecordingHandler handler = new RecordingHandler();
        streaming.chat(List.of(withImage), handler);
        assertThatThrownBy(() -> await(handler)).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text only");
        assertThat(fake.lastMessages()).as("nothing reached the provider").isNull();
    }

    @Test
    void unsupportedParametersAreRefusedByName() {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Hi")).topK(5).build();
        assertThatThrownBy(() -> chat.chat(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topK");
    }

    @Test
    void cancellingThroughTheStreamingHandleCancelsTheSubscription() throws Exception {
        CompletableFuture<Integer> cancelledAfter = new CompletableFuture<>();
        RecordingHandler handler = new RecordingHandler((text, context) -> {
            if (!context.streamingHandle().isCancelled()) {
                context.streamingHandle().cancel();
                cancelledAfter.complete(1);
            }
        });
        streaming.chat("endless", handler);

        assertThat(cancelledAfter.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(fake.cancelled().await(10, TimeUnit.SECONDS)).as("the provider saw the cancel").isTrue();
        assertThat(handler.partials).containsExactly("tick ");
        assertThat(handler.done).as("no terminal callback after a cancel").isNotDone();
    }

    @Test
    void closingTheModelCancelsTheStreamsInFlight() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        G4jStreamingChatModel model = G4jStreamingChatModel.builder().registry(registry).build();
        model.chat("endless", new RecordingHandler((text, context) -> started.complete(null)));
        // The fake emits on demand, so the first tick arrives before chat() returns; the stream waits for more demand.
        started.get(10, TimeUnit.SECONDS);
        model.close();

        assertThat(fake.cancelled().await(10, TimeUnit.SECONDS)).isTrue();
        RecordingHandler afterClose = new RecordingHandler();
        model.chat("Hi", afterClose);
        assertThatThrownBy(() -> await(afterClose)).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
