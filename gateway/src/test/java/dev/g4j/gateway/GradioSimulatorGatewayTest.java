package dev.g4j.gateway;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.g4j.gradio.testkit.Fault;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.ReplyFunction;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.qwen25.Qwen25Provider;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole path: the OpenAI SDK, the gateway, the registry, the real Qwen provider and the Gradio simulator. */
class GradioSimulatorGatewayTest {
    private static GradioSimulator simulator;
    private static Qwen25Provider qwen;
    private static ProviderRegistry registry;
    private static G4jGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        simulator = GradioSimulator.builder().app(SimulatedApp.qwen25()).replyFunction(ReplyFunction.echo())
                .tokenDelay(Duration.ofMillis(5)).start();
        qwen = new Qwen25Provider();
        registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(qwen).build();
        gateway = G4jGateway.builder(registry).port(0)
                .providerOptions(ProviderOptions.builder().baseUrl(simulator.baseUrl()).build()).build();
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.start().toString()).apiKey("unused").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        registry.close();
        qwen.close();
        simulator.close();
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder().model(qwen.defaultModel()).addUserMessage("one two three").build();
    }

    @Test
    void answersThroughTheSimulator() {
        ChatCompletion completion = client.chat().completions().create(params());

        assertThat(completion.choices().get(0).message().content().orElseThrow()).contains("one two three");
        assertThat(completion.model()).isEqualTo(qwen.defaultModel());
    }

    @Test
    void streamsThroughTheSimulator() {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params())) {
            String text = stream.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).contains("one two three");
        }
    }

    @Test
    void upstreamFailureAfterTextReachesTheClient() {
        simulator.nextFaults(Fault.failAfter(2, "GPU out of memory"));

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params())) {
            assertThatThrownBy(() -> stream.stream().forEach(c -> { }))
                    .isInstanceOf(SseException.class).hasMessageContaining("GPU out of memory");
        }
    }

    @Test
    void disconnectingClientClosesTheUpstreamStream() throws Exception {
        simulator.nextFaults(Fault.stallAfter(1));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}"))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.body().read(new byte[32])).isPositive();

        response.body().close();

        assertThat(simulator.awaitDisconnect(Duration.ofSeconds(5))).isPresent();
    }
}
