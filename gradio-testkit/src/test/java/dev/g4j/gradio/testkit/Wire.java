package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test helpers: JSON requests with the JDK client and normalisation of timing-dependent fields. */
final class Wire {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Wire() {
    }

    static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Joins the Qwen chat (fn 3) and returns the event id. */
    static String joinQwen(GradioSimulator sim, String session, String prompt, String historyJson, String radio)
            throws IOException, InterruptedException {
        String body = "{\"data\":[" + MAPPER.writeValueAsString(prompt) + "," + historyJson + ","
                + MAPPER.writeValueAsString(SYSTEM) + "," + MAPPER.writeValueAsString(radio)
                + "],\"event_data\":null,\"fn_index\":3,\"trigger_id\":25,\"session_hash\":\"" + session + "\"}";
        HttpResponse<String> response = post(sim.apiUrl("/queue/join"), body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("join failed: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).get("event_id").asText();
    }

    static String joinQwen(GradioSimulator sim, String session, String prompt) throws IOException, InterruptedException {
        return joinQwen(sim, session, prompt, "[]", "72B");
    }

    static RawSseClient stream(GradioSimulator sim, String session) throws IOException {
        return RawSseClient.get(sim.baseUrl(), sim.mode().apiPrefix() + "/queue/data?session_hash=" + session);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Replaces event ids and timing numbers, which vary from run to run, by fixed markers. */
    static String normalize(String line) {
        return line.replaceAll("\"event_id\":\"[0-9a-f]{32}\"", "\"event_id\":\"E\"")
                .replaceAll("\"duration\":[0-9.Ee-]+,\"average_duration\":[0-9.Ee-]+",
                        "\"duration\":D,\"average_duration\":A")
                .replaceAll("\"rank_eta\":[0-9.Ee-]+", "\"rank_eta\":R")
                .replaceAll("\"eta\":[0-9.Ee-]+", "\"eta\":R");
    }

    /** The mgr message dict for a text, with every key. */
    static String mgr(String text) {
        try {
            return "{\"id\":null,\"elem_id\":null,\"elem_classes\":null,\"name\":null,\"text\":"
                    + MAPPER.writeValueAsString(text) + ",\"flushing\":null,\"avatar\":\"\",\"files\":null}";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
