package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesTest {

    private static GradioSimulator four;
    private static GradioSimulator five;

    @BeforeAll
    static void start() {
        four = GradioSimulator.builder().start();
        five = GradioSimulator.builder().mode(GradioMode.GRADIO_5).start();
    }

    @AfterAll
    static void stop() {
        four.close();
        five.close();
    }

    @Test
    void bindsToLoopbackOnAFreePort() {
        assertThat(four.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(four.port()).isNotEqualTo(five.port()).isPositive();
    }

    @Test
    void configDescribesTheQwenSpace() throws Exception {
        HttpResponse<String> response = Wire.get(four.baseUrl() + "/config");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode config = Wire.json(response.body());
        assertThat(config.get("version").asText()).isEqualTo("4.44.1");
        assertThat(config.get("protocol").asText()).isEqualTo("sse_v3");
        assertThat(config.get("show_error").asBoolean()).isFalse();
        assertThat(config.get("root").asText()).isEqualTo(four.baseUrl());
        assertThat(config.has("api_prefix")).isFalse();
        JsonNode deps = config.get("dependencies");
        assertThat(deps).hasSize(8);
        List<Integer> ids = new ArrayList<>();
        deps.forEach(d -> ids.add(d.get("id").asInt()));
        assertThat(ids).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        JsonNode submit = deps.get(3);
        assertThat(Json.write(submit.get("targets"))).isEqualTo("[[25,\"submit\"]]");
        assertThat(Json.write(submit.get("inputs"))).isEqualTo("[25,24,23,14]");
        assertThat(Json.write(submit.get("outputs"))).isEqualTo("[25,24,20]");
        assertThat(submit.get("api_name").asText()).isEqualTo("model_chat");
        assertThat(Json.write(submit.get("types"))).isEqualTo("{\"generator\":true,\"cancel\":false}");
        assertThat(submit.get("queue").asBoolean()).isTrue();
        assertThat(submit.get("collects_event_data").asBoolean()).isFalse();
        JsonNode button = deps.get(4);
        assertThat(button.get("api_name").asText()).isEqualTo("model_chat_1");
        int sendId = button.at("/targets/0/0").asInt();
        assertThat(button.at("/targets/0/1").asText()).isEqualTo("click");
        assertThat(Json.write(button.get("inputs"))).isEqualTo("[25,24,23,14]");
        for (int i = 0; i < 3; i++) {
            assertThat(deps.get(i).at("/targets/0/1").asText()).isEqualTo("change");
        }
        JsonNode components = config.get("components");
        assertThat(typeOf(components, 25)).isEqualTo("textbox");
        assertThat(typeOf(components, 24)).isEqualTo("modelscopechatbot");
        assertThat(typeOf(components, 23)).isEqualTo("textbox");
        assertThat(typeOf(components, 20)).isEqualTo("textbox");
        assertThat(typeOf(components, 14)).isEqualTo("radio");
        assertThat(typeOf(components, sendId)).isEqualTo("button");
        assertThat(component(components, 23).at("/props/value").asText()).isEqualTo(Wire.SYSTEM);
        assertThat(component(components, 23).at("/props/visible").asBoolean()).isFalse();
        assertThat(component(components, 14).at("/props/value").asText()).isEqualTo("72B");
    }

    private static JsonNode component(JsonNode components, int id) {
        for (JsonNode c : components) {
            if (c.get("id").asInt() == id) {
                return c;
            }
        }
        throw new AssertionError("no component " + id);
    }

    private static String typeOf(JsonNode components, int id) {
        return component(components, id).get("type").asText();
    }

    @Test
    void infoNamesTheChatParameters() throws Exception {
        JsonNode info = Wire.json(Wire.get(four.baseUrl() + "/info").body());
        JsonNode parameters = info.at("/named_endpoints/~1model_chat/parameters");
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.add(p.get("parameter_name").asText()));
        assertThat(names).containsExactly("query", "history", "system", "radio");
        assertThat(parameters.get(2).get("parameter_default").asText()).isEqualTo(Wire.SYSTEM);
        assertThat(parameters.get(3).get("label").asText()).isEqualTo("parameter_14");
        assertThat(info.at("/named_endpoints/~1model_chat/returns")).hasSize(3);
        assertThat(info.has("unnamed_endpoints")).isTrue();
    }

    @Test
    void gradioFiveServesEverythingButConfigUnderThePrefix() throws Exception {
        JsonNode config = Wire.json(Wire.get(five.baseUrl() + "/config").body());
        assertThat(config.get("api_prefix").asText()).isEqualTo("/gradio_api");
        assertThat(config.get("version").asText()).startsWith("5.");
        assertThat(Wire.get(five.baseUrl() + "/gradio_api/info").statusCode()).isEqualTo(200);
        HttpResponse<String> unprefixed = Wire.post(five.baseUrl() + "/queue/join",
                "{\"data\":[],\"fn_index\":3,\"session_hash\":\"x\"}");
        assertThat(unprefixed.statusCode()).isEqualTo(404);
        assertThat(unprefixed.body()).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(Wire.get(five.baseUrl() + "/info").statusCode()).isEqualTo(404);
    }

    @Test
    void joinValidationFollowsSection5() throws Exception {
        String url = four.apiUrl("/queue/join");
        HttpResponse<String> noHash = Wire.post(url, "{\"data\":[],\"fn_index\":3}");
        assertThat(noHash.statusCode()).isEqualTo(400);
        assertThat(noHash.body()).isEqualTo("{\"detail\":\"Session hash not found.\"}");

        HttpResponse<String> nullFn = Wire.post(url, "{\"data\":[],\"fn_index\":null,\"session_hash\":\"a\"}");
        assertThat(nullFn.statusCode()).isEqualTo(400);
        assertThat(nullFn.body()).isEqualTo("{\"detail\":\"No function index provided.\"}");

        HttpResponse<String> noData = Wire.post(url, "{\"fn_index\":3,\"session_hash\":\"a\"}");
        assertThat(noData.statusCode()).isEqualTo(422);
        assertThat(noData.body()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"data\"],"
                + "\"msg\":\"Field required\",\"input\":{\"fn_index\":3,\"session_hash\":\"a\"}}]}");

        HttpResponse<String> notJson = Wire.post(url, "nope");
        assertThat(notJson.statusCode()).isEqualTo(422);

        HttpResponse<String> unknownFn = Wire.post(url, "{\"data\":[],\"fn_index\":99,\"session_hash\":\"a\"}");
        assertThat(unknownFn.statusCode()).isEqualTo(500);
        assertThat(unknownFn.body()).isEqualTo("Internal Server Error");
        assertThat(unknownFn.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain"));

        HttpResponse<String> ok = Wire.post(url + "?__theme=light",
                "{\"data\":[\"Hi\",[],\"s\",\"72B\"],\"fn_index\":3,\"session_hash\":\"joined\",\"extra\":1}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).matches("\\{\"event_id\":\"[0-9a-f]{32}\"}");

        assertThat(Wire.get(url).statusCode()).isEqualTo(405);
    }

    @Test
    void unknownSessionGetsNotFoundThenAnAbortedBody() throws Exception {
        try (RawSseClient stream = Wire.stream(four, "never-joined")) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.nextData()).isEqualTo(
                    "{\"msg\":\"unexpected_error\",\"event_id\":null,\"message\":\"404: Session not found.\","
                            + "\"success\":false}");
            assertThat(stream.nextData()).isNull();
            assertThat(stream.cutOff).isTrue();
            assertThat(stream.endedCleanly).isFalse();
        }
        assertThat(four.streamsClosedByClient()).noneMatch(c -> c.sessionHash().equals("never-joined"));
    }

    @Test
    void recordsEveryRequest() throws Exception {
        Wire.post(four.apiUrl("/queue/join") + "?",
                "{\"data\":[\"Hi\",[],\"s\",\"72B\"],\"fn_index\":3,\"session_hash\":\"rec\"}");
        RecordedRequest join = four.requests().stream()
                .filter(r -> r.body().contains("\"rec\"")).findFirst().orElseThrow();
        assertThat(join.method()).isEqualTo("POST");
        assertThat(join.path()).isEqualTo("/queue/join");
        assertThat(join.query()).isEmpty();
        assertThat(join.header("Content-Type")).hasValue("application/json");
        try (RawSseClient stream = Wire.stream(four, "rec")) {
            assertThat(stream.status).isEqualTo(200);
        }
        assertThat(four.requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/queue/data");
            assertThat(r.query()).isEqualTo("session_hash=rec");
            assertThat(r.header("accept")).hasValue("text/event-stream");
        });
    }

    @Test
    void gradioFiveMessagesCarryTheirAdditions() throws Exception {
        String id = Wire.joinQwen(five, "g5", "Hello");
        try (RawSseClient stream = Wire.stream(five, "g5")) {
            List<String> lines = new ArrayList<>();
            for (String d = stream.nextData(); d != null; d = stream.nextData()) {
                lines.add(d);
            }
            assertThat(lines).filteredOn(l -> l.contains("process_generating"))
                    .allSatisfy(l -> assertThat(l).endsWith(",\"success\":true,\"time_limit\":null}"));
            assertThat(lines).filteredOn(l -> l.contains("process_completed"))
                    .singleElement().satisfies(l -> assertThat(l).endsWith(",\"success\":true,\"title\":null}"));
            assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"msg\":\"close_stream\",\"event_id\":null}");
        }
        assertThat(id).hasSize(32);
    }
}
