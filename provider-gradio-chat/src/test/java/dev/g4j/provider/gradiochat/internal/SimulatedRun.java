package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.SimulatedApp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Test helper: a simulated app on loopback, its /config, and one joined event's completed outputs. */
final class SimulatedRun implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final GradioSimulator sim;

    SimulatedRun(SimulatedApp app, List<String> tokens) {
        this(GradioSimulator.builder().app(app).tokenDelay(Duration.ZERO).replyFunction(request -> tokens).start());
    }

    /** Uses a started simulator; {@link #close()} stops it. */
    SimulatedRun(GradioSimulator sim) {
        this.sim = sim;
    }

    /** The app's /config, fetched over HTTP like a client does. */
    JsonNode config() throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/config"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(response.body());
    }

    /** Joins with {@code data} and returns the {@code output.data} of the event's process_completed. */
    JsonNode completedOutputs(int fnIndex, Integer triggerId, JsonNode data) throws IOException, InterruptedException {
        String session = UUID.randomUUID().toString().replace("-", "");
        String body = MAPPER.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("data", data)
                .put("fn_index", fnIndex).put("session_hash", session)
                .set("trigger_id", triggerId == null ? MAPPER.nullNode() : MAPPER.valueToTree(triggerId)).toString();
        HttpResponse<String> joined = CLIENT.send(HttpRequest.newBuilder(URI.create(sim.apiUrl("/queue/join")))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (joined.statusCode() != 200) {
            throw new AssertionError("join failed: " + joined.statusCode() + " " + joined.body());
        }
        HttpResponse<Stream<String>> stream = CLIENT.send(HttpRequest.newBuilder(
                URI.create(sim.apiUrl("/queue/data?session_hash=" + session))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = stream.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("data: ")) {
                    JsonNode message = MAPPER.readTree(line.substring(6));
                    if ("process_completed".equals(message.path("msg").asText())) {
                        if (!message.path("success").asBoolean()) {
                            throw new AssertionError("event failed: " + message);
                        }
                        return message.get("output").get("data");
                    }
                }
            }
        }
        throw new AssertionError("stream ended without process_completed");
    }

    @Override
    public void close() {
        sim.close();
    }
}
