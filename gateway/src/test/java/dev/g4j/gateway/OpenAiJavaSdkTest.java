package dev.g4j.gateway;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK, unchanged, against the gateway. */
class OpenAiJavaSdkTest {
    private static GatewayFixture fixture;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture();
        client = client(GatewayFixture.KEY);
    }

    @AfterAll
    static void stop() {
        client.close();
        fixture.close();
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(fixture.baseUrl.toString()).apiKey(key).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams.Builder params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addSystemMessage("Be brief.").addUserMessage("Hi");
    }

    @Test
    void nonStreamingChat() {
        ChatCompletion completion = client.chat().completions().create(params("fake-1").temperature(0.3).build());

        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.model()).isEqualTo("fake-1");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).contains("Hello, world!");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(8);
        assertThat(fixture.hello.lastOptions.temperature()).contains(0.3);
    }

    @Test
    void streamingChatWithUsage() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params("fake-1")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }

        String text = chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
        assertThat(text).isEqualTo("Hello, world!");
        assertThat(chunks.get(0).choices().get(0).delta().role()).isPresent();
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent()).count()).isEqualTo(1);
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().completionTokens()).isEqualTo(3);
        // The reasoning travels as an extra field that the SDK keeps.
        assertThat(chunks.stream().flatMap(c -> c.choices().stream())
                .anyMatch(c -> c.delta()._additionalProperties().containsKey("reasoning_content"))).isTrue();
    }

    @Test
    void listsAndRetrievesModels() {
        List<Model> models = client.models().list().data();

        assertThat(models).extracting(Model::id).containsExactlyInAnyOrder("broken", "fake-1", "stall");
        assertThat(models).filteredOn(m -> m.id().equals("fake-1")).extracting(Model::ownedBy).containsExactly("Fake");
        assertThat(client.models().retrieve("stall").ownedBy()).isEqualTo("Stall");
    }

    @Test
    void unknownModelIsNotFound() {
        assertThatThrownBy(() -> client.chat().completions().create(params("fake-9").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.getMessage()).contains("fake-1");
                });
        assertThatThrownBy(() -> client.models().retrieve("fake-9")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void wrongKeyIsUnauthorized() {
        OpenAIClient wrong = client("not-the-key");
        try {
            assertThatThrownBy(() -> wrong.chat().completions().create(params("fake-1").build()))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
            assertThatThrownBy(() -> wrong.models().list()).isInstanceOf(UnauthorizedException.class);
        } finally {
            wrong.close();
        }
    }

    @Test
    void upstreamFailureMidStreamIsRaised() {
        StringBuilder received = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params("broken").build())) {
            assertThatThrownBy(() -> stream.stream().forEach(c -> c.choices()
                    .forEach(ch -> received.append(ch.delta().content().orElse("")))))
                    .isInstanceOfSatisfying(SseException.class, e -> {
                        assertThat(e.getMessage()).contains("closed the connection");
                        assertThat(e.code()).contains("upstream_failure");
                    });
        }
        assertThat(received.toString()).isEqualTo("Partial answer");
    }
}
