package dev.g4j.openai.testkit;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiSimulatorTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(OpenAiSimulator sim, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String STREAM = "{\"model\":\"sim-model\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

    @Test
    void listsModels() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().models(List.of("a:1", "b")).start()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"object\":\"list\"").contains("\"id\":\"a:1\"").contains("\"id\":\"b\"");
        }
    }

    @Test
    void streamsChunksUsageAndDone() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("Hi you").start()) {
            HttpResponse<String> r = post(sim, STREAM);
            assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
            String body = r.body();
            assertThat(body).contains("\"role\":\"assistant\"").contains("\"content\":\"Hi \"").contains("\"content\":\"you\"")
                    .contains("\"finish_reason\":\"stop\"").contains("\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4}")
                    .endsWith("data: [DONE]\n\n");
            assertThat(body).doesNotContain("\r\n");
        }
    }

    @Test
    void crlfAndKeepAliveFraming() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().crlf(true).keepAliveComments(true).start()) {
            String body = post(sim, STREAM).body();
            assertThat(body).startsWith(": keep-alive\r\n\r\n").contains("\r\n\r\ndata: ").endsWith("data: [DONE]\r\n\r\n");
        }
    }

    @Test
    void answersWithoutStreaming() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("Whole").reasoning("Think").start()) {
            HttpResponse<String> r = post(sim, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertThat(r.headers().firstValue("content-type")).contains("application/json");
            assertThat(r.body()).contains("\"object\":\"chat.completion\"").contains("\"content\":\"Whole\"")
                    .contains("\"reasoning_content\":\"Think\"").contains("\"finish_reason\":\"stop\"");
        }
    }

    @Test
    void checksTheKeyAndTheModel() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().apiKey("sk-1").start()) {
            assertThat(post(sim, STREAM).statusCode()).isEqualTo(401);
            assertThat(post(sim, STREAM, "authorization", "Bearer sk-1").statusCode()).isEqualTo(200);
            HttpResponse<String> unknown = post(sim, STREAM.replace("sim-model", "nope"), "authorization", "Bearer sk-1");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("model_not_found");
        }
    }

    @Test
    void statusFaultsAndRetryAfter() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.start()) {
            sim.nextFaults(Fault.rateLimited("3"), Fault.status(503, "busy"), Fault.unauthorized(), Fault.modelNotFound());
            HttpResponse<String> r429 = post(sim, STREAM);
            assertThat(r429.statusCode()).isEqualTo(429);
            assertThat(r429.headers().firstValue("retry-after")).contains("3");
            assertThat(post(sim, STREAM).statusCode()).isEqualTo(503);
            assertThat(post(sim, STREAM).statusCode()).isEqualTo(401);
            assertThat(post(sim, STREAM).statusCode()).isEqualTo(404);
            assertThat(post(sim, STREAM).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void streamFaults() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("a b c").start()) {
            sim.nextFaults(Fault.errorEventAfter(1, "boom"), Fault.noDone(), Fault.malformedEventAfter(0));
            String error = post(sim, STREAM).body();
            assertThat(error).contains("\"content\":\"a \"").contains("{\"error\":{\"message\":\"boom\"").doesNotContain("[DONE]")
                    .doesNotContain("\"content\":\"b \"");
            String noDone = post(sim, STREAM).body();
            assertThat(noDone).contains("\"finish_reason\":\"stop\"").doesNotContain("[DONE]");
            assertThat(post(sim, STREAM).body()).contains("data: {\"choices\":[{\"delta\":{\"content\":\"oops\n");
        }
    }

    @Test
    void recordsRequestsWithinItsBound() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().maxRecorded(2).start()) {
            post(sim, STREAM, "x-test", "1");
            post(sim, STREAM, "x-test", "2");
            post(sim, STREAM.replace("hi there", "third"), "x-test", "3");
            assertThat(sim.requests()).hasSize(2);
            RecordedRequest last = sim.lastChatRequest().orElseThrow();
            assertThat(last.header("X-Test")).isEqualTo("3");
            assertThat(last.json().path("messages").get(0).path("content").asText()).isEqualTo("third");
        }
    }
}
