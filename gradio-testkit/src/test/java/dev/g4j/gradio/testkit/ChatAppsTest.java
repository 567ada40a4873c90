package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated chat apps: their /config and /info, how they take inputs and what they stream. */
class ChatAppsTest {

    private final List<ChatRequest> seen = new CopyOnWriteArrayList<>();
    private GradioSimulator sim;

    private GradioSimulator start(SimulatedApp app, Fault... faults) {
        sim = GradioSimulator.builder().app(app).tokenDelay(Duration.ZERO).faults(faults)
                .replyFunction(request -> {
                    seen.add(request);
                    return List.of("Hi", " there");
                }).start();
        return sim;
    }

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    private JsonNode config() throws Exception {
        return Wire.json(Wire.get(sim.baseUrl() + "/config").body());
    }

    private static JsonNode dependency(JsonNode config, int id) {
        return config.get("dependencies").get(id);
    }

    /** Joins and reads the session's stream to its end; returns the data lines as JSON. */
    private List<JsonNode> run(String session, int fnIndex, Integer triggerId, String dataJson) throws Exception {
        String body = "{\"data\":" + dataJson + ",\"event_data\":null,\"fn_index\":" + fnIndex + ",\"trigger_id\":"
                + triggerId + ",\"session_hash\":\"" + session + "\"}";
        assertThat(Wire.post(sim.apiUrl("/queue/join"), body).statusCode()).isEqualTo(200);
        List<JsonNode> messages = new ArrayList<>();
        try (RawSseClient stream = Wire.stream(sim, session)) {
            for (String data = stream.nextData(); data != null; data = stream.nextData()) {
                messages.add(Wire.json(data));
            }
        }
        return messages;
    }

    private static JsonNode completed(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("msg").asText().equals("process_completed")).findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> generating(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("msg").asText().equals("process_generating")).toList();
    }

    @Test
    void chatInterface4ServesTheChatDependencyAsGradio444Does() throws Exception {
        start(SimulatedApp.chatInterface4());
        assertThat(sim.mode()).isEqualTo(GradioMode.GRADIO_4);
        JsonNode config = config();
        assertThat(config.get("mode").asText()).isEqualTo("chat_interface");
        assertThat(config.get("version").asText()).isEqualTo("4.44.1");
        assertThat(config.has("api_prefix")).isFalse();
        assertThat(config.get("connect_heartbeat").asBoolean()).isTrue();
        JsonNode chat = dependency(config, sim.app().chatFnIndex());
        assertThat(chat.get("api_name").asText()).isEqualTo("chat");
        assertThat(chat.get("show_api").asBoolean()).isTrue();
        assertThat(chat.get("zerogpu").asBoolean()).isFalse();
        assertThat(chat.get("targets").toString()).isEqualTo("[[11,\"click\"]]");
        assertThat(chat.get("inputs").toString()).isEqualTo("[8,15,13,16]");
        assertThat(chat.get("outputs").toString()).isEqualTo("[12,15]");
        assertThat(dependency(config, 0).get("show_api").asBoolean()).isFalse();
        assertThat(dependency(config, 1).get("trigger_after").asInt()).isZero();
        assertThat(dependency(config, 3).get("types").get("cancel").asBoolean()).isTrue();
        JsonNode chatbot = component(config, 5);
        assertThat(chatbot.get("props").get("type").asText()).isEqualTo("tuples");
        assertThat(component(config, 8).get("props").has("value")).isFalse();
        assertThat(component(config, 15).has("example_inputs")).isFalse();

        JsonNode info = Wire.json(Wire.get(sim.apiUrl("/info")).body());
        assertThat(info.get("named_endpoints").fieldNames()).toIterable().containsExactly("/chat");
        assertThat(info.get("named_endpoints").get("/chat").get("parameters").findValuesAsText("parameter_name"))
                .containsExactly("message", "param_2", "param_3");
    }

    @Test
    void chatInterface4KeepsTheHistoryInTheSessionStateAndIgnoresTheClientsValue() throws Exception {
        start(SimulatedApp.chatInterface4());
        List<JsonNode> first = run("s1", 4, null, "[\"Hello\",[[\"forged\",\"pair\"]],\"Be brief.\",0.7]");
        assertThat(generating(first).get(0).get("output").get("data").toString()).isEqualTo("[\"Hi\",null]");
        assertThat(generating(first).get(1).get("output").get("data").toString())
                .isEqualTo("[[[\"append\",[],\" there\"]],[]]");
        assertThat(completed(first).get("output").get("data").toString()).isEqualTo("[\"Hi there\",null]");
        run("s1", 4, null, "[\"Again\",null,\"Be brief.\",0.7]");
        assertThat(seen.get(0).history()).isEmpty();
        assertThat(seen.get(0).system()).isEqualTo("Be brief.");
        assertThat(seen.get(1).history()).containsExactly(new HistoryPair("Hello", "Hi there"));
        run("s2", 4, null, "[\"Other session\",null,\"Be brief.\",0.7]");
        assertThat(seen.get(2).history()).isEmpty();
    }

    @Test
    void chatInterface4FailsWhenAnInputIsMissing() throws Exception {
        start(SimulatedApp.chatInterface4());
        assertThat(completed(run("s1", 4, null, "[\"Hello\",null]")).get("success").asBoolean()).isFalse();
    }

    @Test
    void chatInterface5ServesMessagesUnderTheApiPrefix() throws Exception {
        start(SimulatedApp.chatInterface5());
        assertThat(sim.mode()).isEqualTo(GradioMode.GRADIO_5);
        JsonNode config = config();
        assertThat(config.get("api_prefix").asText()).isEqualTo("/gradio_api");
        assertThat(sim.app().chatFnIndex()).isEqualTo(6);
        JsonNode chat = dependency(config, 6);
        assertThat(chat.get("api_name").asText()).isEqualTo("chat");
        assertThat(chat.get("connection").asText()).isEqualTo("sse");
        assertThat(chat.has("zerogpu")).isFalse();
        assertThat(component(config, 12).get("type").asText()).isEqualTo("json");
        assertThat(component(config, 5).get("props").get("type").asText()).isEqualTo("messages");
        assertThat(component(config, 5).has("api_info_as_input")).isTrue();

        List<JsonNode> first = run("s1", 6, null, "[\"Hello\",null,\"You are helpful.\",0.7]");
        assertThat(completed(first).get("output").get("data").toString()).isEqualTo("[\"Hi there\",null]");
        assertThat(completed(first).has("title")).isTrue();
        run("s1", 6, null, "[\"Again\",null,\"You are helpful.\",0.7]");
        assertThat(seen.get(1).history()).containsExactly(new HistoryPair("Hello", "Hi there"));
    }

    @Test
    void chatInterface6NamesTheEndpointAfterTheFunctionAndUsesApiVisibility() throws Exception {
        start(SimulatedApp.chatInterface6());
        assertThat(sim.mode()).isEqualTo(GradioMode.GRADIO_6);
        JsonNode config = config();
        assertThat(config.get("version").asText()).startsWith("6.");
        assertThat(config.has("show_api")).isFalse();
        JsonNode chat = dependency(config, 6);
        assertThat(chat.get("api_name").asText()).isEqualTo("respond");
        assertThat(chat.get("api_visibility").asText()).isEqualTo("public");
        assertThat(chat.has("show_api")).isFalse();
        assertThat(dependency(config, 0).get("api_visibility").asText()).isEqualTo("undocumented");
        assertThat(component(config, 5).get("props").has("type")).isFalse();
        run("s1", 6, null, "[\"Hello\",null,\"You are helpful.\",0.7]");
        List<JsonNode> second = run("s1", 6, null, "[\"Again\",null,\"You are helpful.\",0.7]");
        assertThat(completed(second).get("output").get("data").toString()).isEqualTo("[\"Hi there\",null]");
        assertThat(seen.get(1).history()).containsExactly(new HistoryPair("Hello", "Hi there"));
    }

    @Test
    void chatInterface5ThinkingYieldsAChatMessageWithATitleBeforeTheAnswer() throws Exception {
        start(SimulatedApp.chatInterface5Thinking());
        List<JsonNode> messages = run("s1", 6, null, "[\"Hello\",null,\"You are helpful.\",0.7]");
        JsonNode output = completed(messages).get("output").get("data").get(0);
        assertThat(output.get(0).get("metadata").get("title").asText()).isEqualTo("Thinking");
        assertThat(output.get(0).get("content").asText()).isEqualTo("Considering: Hello");
        assertThat(output.get(1).asText()).isEqualTo("Hi there");
        assertThat(generating(messages).get(1).get("output").get("data").get(0).toString())
                .isEqualTo("[[\"append\",[1],\" there\"]]");
    }

    @Test
    void qwen2TakesPromptHistoryAndSystemAndYieldsATuplesChatbotAsOutput1() throws Exception {
        start(SimulatedApp.qwen2_72b());
        JsonNode chat = dependency(config(), 0);
        assertThat(chat.get("targets").toString()).isEqualTo("[[11,\"submit\"]]");
        List<JsonNode> messages = run("abc123def456", 0, 11, "[\"User: Hello\\nAssistant:\",[],\"Be nice.\"]");
        assertThat(completed(messages).get("output").get("data").get(1).toString())
                .isEqualTo("[[\"User: Hello\\nAssistant:\",\"Hi there\"]]");
        assertThat(generating(messages).get(1).get("output").get("data").get(1).toString())
                .isEqualTo("[[\"append\",[0,1],\" there\"]]");
        assertThat(seen.get(0).system()).isEqualTo("Be nice.");
        assertThat(seen.get(0).prompt()).isEqualTo("User: Hello\nAssistant:");
    }

    @Test
    void qwen3TakesASettingsDictAndStreamsToolAndTextParts() throws Exception {
        start(SimulatedApp.qwen3Demo());
        JsonNode config = config();
        assertThat(config.get("api_prefix").asText()).isEqualTo("/gradio_api");
        assertThat(dependency(config, 13).get("targets").toString()).isEqualTo("[[31,\"submit\"]]");
        List<JsonNode> messages = run("s1", 13, 31, "[\"Hello\",{\"thinking_budget\":38,\"model\":\"qwen3-32b\","
                + "\"sys_prompt\":\"Be nice.\"},null,null]");
        assertThat(seen.get(0).model()).isEqualTo("qwen3-32b");
        assertThat(seen.get(0).system()).isEqualTo("Be nice.");
        JsonNode first = generating(messages).get(0).get("output").get("data");
        assertThat(first.size()).isEqualTo(6);
        JsonNode bot = first.get(5).get("value").get(1);
        assertThat(bot.get("content").get(0).get("type").asText()).isEqualTo("tool");
        assertThat(bot.get("content").get(0).get("content").asText()).isEqualTo("Thinking about: Hello");
        assertThat(bot.get("content").get(1).get("content").asText()).isEqualTo("Hi");
        assertThat(generating(messages).get(1).get("output").get("data").get(5).toString()).isEqualTo(
                "[[\"replace\",[\"value\",1,\"content\",0,\"options\",\"status\"],\"done\"],"
                        + "[\"append\",[\"value\",1,\"content\",1,\"content\"],\" there\"]]");
        assertThat(completed(messages).get("success").asBoolean()).isTrue();
    }

    @Test
    void qwen3RefusesAnUnknownModel() throws Exception {
        start(SimulatedApp.qwen3Demo());
        List<JsonNode> messages = run("s1", 13, 31, "[\"Hello\",{\"thinking_budget\":38,\"model\":\"gpt-4\","
                + "\"sys_prompt\":\"\"},null,null]");
        assertThat(completed(messages).get("success").asBoolean()).isFalse();
        assertThat(seen).isEmpty();
    }

    @Test
    void faultsApplyToTheNewAppsToo() throws Exception {
        start(SimulatedApp.chatInterface5(), Fault.failAfter(1, "Boom"));
        JsonNode done = completed(run("s1", 6, null, "[\"Hello\",null,\"x\",0.7]"));
        assertThat(done.get("success").asBoolean()).isFalse();
        assertThat(done.get("output").get("error").asText()).isEqualTo("Boom");
    }

    @Test
    void aHostCanDefineItsOwnApp() throws Exception {
        AppSpec spec = new AppSpec("Echo", List.of(new AppSpec.Component(1, "textbox",
                AppSpec.object("value", ""), false, AppSpec.object("type", "string"), null, "str")),
                List.of(new AppSpec.Dependency(0, 1, "submit", List.of(1), List.of(1), "echo", true,
                        List.of("text"))));
        SimulatedApp custom = new SimulatedApp() {
            @Override
            public int chatFnIndex() {
                return 0;
            }

            @Override
            public int chatTriggerId() {
                return 1;
            }

            @Override
            public AppSpec spec() {
                return spec;
            }

            @Override
            public AppCall call(int fnIndex, JsonNode data, SessionState state) {
                return new AppCall.Streaming(new ChatRequest(data.get(0).asText(), List.of(), null, null),
                        reply -> List.of(AppSpec.NODES.textNode(reply.toUpperCase())));
            }
        };
        start(custom);
        assertThat(completed(run("s1", 0, 1, "[\"x\"]")).get("output").get("data").toString())
                .isEqualTo("[\"HI THERE\"]");
    }

    private static JsonNode component(JsonNode config, int id) {
        for (JsonNode c : config.get("components")) {
            if (c.get("id").asInt() == id) {
                return c;
            }
        }
        throw new AssertionError("no component " + id);
    }
}
