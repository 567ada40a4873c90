package dev.g4j.examples;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.ResponseChunk;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each host-app example, run against the Gradio simulator through the registry and the real Qwen provider. */
class ExamplesTest {
    static GradioSimulator sim;
    static ExampleArgs args;

    @BeforeAll
    static void start() {
        sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).start();
        args = new ExampleArgs(sim.baseUrl(), "Hello there");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void streaming() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String answer = StreamingExample.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(answer).isEqualTo("You said: Hello there");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("You said: Hello there" + System.lineSeparator());
    }

    @Test
    void blocking() {
        assertThat(BlockingExample.run(args)).isEqualTo("You said: Hello there");
    }

    @Test
    void backpressure() {
        List<ResponseChunk> chunks = BackpressureExample.run(args);

        assertThat(chunks).first().isInstanceOf(ResponseChunk.ProviderInfo.class);
        assertThat(chunks).last().isEqualTo(ResponseChunk.finish("stop"));
        assertThat(chunks).filteredOn(ResponseChunk.Text.class::isInstance).hasSizeGreaterThan(1);
    }

    @Test
    void hostOwnedVertx() {
        Vertx vertx = Vertx.vertx();
        try {
            assertThat(HostVertxExample.run(vertx, args)).isEqualTo("You said: Hello there");
            // The provider and registry are closed; the host's Vert.x still works.
            assertThat(vertx.executeBlocking(() -> "alive").await()).isEqualTo("alive");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void errorHandling() throws Exception {
        assertThat(ErrorHandlingExample.run("qwen-2.5", args)).isEqualTo("You said: Hello");
        assertThat(ErrorHandlingExample.run("gpt-17", args)).startsWith("Unknown model; the message lists the valid names:")
                .contains("qwen2.5-72b-instruct");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(ErrorHandlingExample.run("qwen-2.5", new ExampleArgs("http://127.0.0.1:" + closedPort, null)))
                .startsWith("Cannot reach the service").contains("127.0.0.1:" + closedPort);
    }

    @Test
    void argumentsAndSystemProperty() {
        assertThat(ExampleArgs.parse(new String[] {"--base-url", "http://h:1", "why", "not"}, "d"))
                .isEqualTo(new ExampleArgs("http://h:1", "why not"));
        assertThat(ExampleArgs.parse(new String[] {}, "d").prompt()).isEqualTo("d");
    }
}
