package dev.g4j.examples.serve;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServeCommandTest {

    @Test
    void parsesOptionsAndTakesTheKeyFromTheEnvironment() {
        ServeOptions o = ServeOptions.parse(new String[] {"--host", "0.0.0.0", "--port=0", "--cors", "https://a.example", "--demo"},
                Map.of("G4J_API_KEY", "from-env"));

        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.port()).isZero();
        assertThat(o.apiKey()).isEqualTo("from-env");
        assertThat(o.corsOrigin()).isEqualTo("https://a.example");
        assertThat(o.demo()).isTrue();
        assertThat(o.toString()).doesNotContain("from-env");
        assertThat(ServeOptions.parse(new String[] {"--api-key", "flag"}, Map.of("G4J_API_KEY", "env")).apiKey()).isEqualTo("flag");
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--port", "70000"}, Map.of())).hasMessageContaining("--port");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--port"}, Map.of())).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--bogus"}, Map.of())).hasMessageContaining("--bogus");
    }

    @Test
    void exposedAddressWithoutKeyFailsToStartWithAHint() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ServeCommand.run(new String[] {"--host", "0.0.0.0", "--port", "0", "--demo"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("G4J_API_KEY");
    }

    @Test
    void helpIsItsOwn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ServeCommand.run(new String[] {"--help"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: g4j serve").contains("--api-key");
    }

    @Test
    void demoServesTheSimulatorOverTheOpenAiApi() throws Exception {
        ServeOptions options = ServeOptions.parse(new String[] {"--port", "0", "--demo"}, Map.of());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (ServeCommand.Server server = ServeCommand.Server.start(options, quiet)) {
            assertThat(server.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("\"owned_by\":\"Qwen_Qwen_2_5\"");

            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(chat.body()).contains("You said: \\\"ping\\\"");
        }
    }
}
