package dev.g4j.springai;

import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.Role;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.g4j.provider.testing.FakeProvider;
import dev.g4j.springai.internal.AnswerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;
import reactor.test.StepVerifier;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Spring AI model against a fake provider: mapping, metadata, errors, back-pressure and cancellation. */
class G4jChatModelTest {
    private FakeProvider fake;
    private ProviderRegistry registry;
    private G4jChatModel model;

    @BeforeEach
    void setUp() {
        fake = new FakeProvider();
        registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(fake).build();
        model = G4jChatModel.builder().registry(registry).options(ProviderOptions.builder().seed(7).build()).build();
    }

    @AfterEach
    void tearDown() {
        model.close();
        registry.close();
    }

    private static String text(ChatResponse response) {
        return response.getResult().getOutput().getText();
    }

    @Test
    void mapsMessagesAndChatOptions() {
        ChatOptions options = ChatOptions.builder().model("Fake:").temperature(0.3).topP(0.9).maxTokens(42)
                .stopSequences(List.of("END")).build();
        ChatResponse response = model.call(new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Hi")),
                options));

        assertThat(text(response)).isEqualTo("Hello world");
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(response.getMetadata().getModel()).startsWith("Fake:");
        assertThat(response.getMetadata().<String>get(AnswerState.PROVIDER_KEY)).isEqualTo("Fake");
        assertThat(fake.lastMessages().asList()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
        assertThat(fake.lastOptions().temperature()).contains(0.3);
        assertThat(fake.lastOptions().topP()).contains(0.9);
        assertThat(fake.lastOptions().maxTokens()).contains(42);
        assertThat(fake.lastOptions().stop()).containsExactly("END");
        assertThat(fake.lastOptions().seed()).as("the model's own options stay").contains(7L);
    }

    @Test
    void reportsReasoningUsageAndFinishReason() {
        ChatResponse response = model.call(new Prompt("reason"));

        assertThat(text(response)).isEqualTo("Done");
        assertThat(response.getResult().getOutput().getMetadata()).containsEntry(AnswerState.REASONING_KEY, "Let me think.");
        assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("LENGTH");
        assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
        assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
        assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(7);
    }

    @Test
    void streamsDeltasThenALastResponseWithTheExactAnswer() {
        List<ChatResponse> responses = model.stream(new Prompt("rewrite")).collectList().block(Duration.ofSeconds(10));

        assertThat(responses).isNotNull();
        assertThat(responses.stream().map(G4jChatModelTest::text).filter(t -> !t.isEmpty()).toList())
                .as("a rewrite of streamed text cannot be streamed").containsExactly("Hello wrld", "!");
        ChatResponse last = responses.get(responses.size() - 1);
        assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(last.getMetadata().<String>get(AnswerState.ANSWER_KEY)).isEqualTo("Hello world!");
        assertThat(text(model.call(new Prompt("rewrite")))).isEqualTo("Hello world!");
    }

    @Test
    void errorsArriveTypedWithOurMessage() {
        assertThatThrownBy(() -> model.call(new Prompt("fail"))).isInstanceOf(RemoteProcessException.class)
                .hasMessageContaining("fake upstream failed on purpose");
        StepVerifier.create(model.stream(new Prompt("fail")))
                .expectNextMatches(r -> text(r).equals("partial"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RemoteProcessException.class)
                        .hasMessageContaining("fake upstream failed on purpose"))
                .verify(Duration.ofSeconds(10));

        Prompt unknown = new Prompt("Hi", ChatOptions.builder().model("no-such-model").build());
        assertThatThrownBy(() -> model.call(unknown)).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("no-such-model");
        StepVerifier.create(model.stream(unknown))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ModelNotFoundException.class))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void mediaAndUnknownOptionsAreRefusedClearly() {
        UserMessage withImage = UserMessage.builder().text("What is this?")
                .media(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("http://127.0.0.1/cat.png"))).build();
        assertThatThrownBy(() -> model.call(new Prompt(withImage))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text only").hasMessageContaining("image/png");
        assertThatThrownBy(() -> model.call(new Prompt("Hi", ChatOptions.builder().topK(5).build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topK");
        assertThat(fake.lastMessages()).as("nothing reached the provider").isNull();
    }

    @Test
    void backPressureReachesTheProviderAndDisposingCancelsIt() throws Exception {
        StepVerifier.create(model.stream(new Prompt("counted")), 0)
                .thenRequest(3)
                .expectNextCount(3)
                .then(() -> assertThat(fake.produced().get()).as("the provider produced only what was asked for")
                        .isBetween(3, 4))
                .thenRequest(2)
                .expectNextCount(2)
                .then(() -> assertThat(fake.produced().get()).isBetween(5, 6))
                .thenCancel()
                .verify(Duration.ofSeconds(10));

        assertThat(fake.cancelled().await(10, TimeUnit.SECONDS)).as("the provider saw the cancel").isTrue();
    }

    @Test
    void disposingAFluxStopsAnEndlessAnswer() throws Exception {
        var disposable = model.stream(new Prompt("endless")).subscribe();
        try {
            assertThat(fake.cancelled().getCount()).isEqualTo(1);
        } finally {
            disposable.dispose();
        }
        assertThat(fake.cancelled().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Objects.requireNonNull(disposable).isDisposed()).isTrue();
    }
}
