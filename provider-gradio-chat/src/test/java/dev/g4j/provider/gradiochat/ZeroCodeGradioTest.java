package dev.g4j.provider.gradiochat;

import dev.g4j.gradio.testkit.ChatRequest;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.gradiochat.internal.AnyGradioAppProvider;
import dev.g4j.provider.tck.ChunkRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider "Gradio" with the app as its model, against simulated ChatInterface and Blocks apps. */
@Timeout(60)
class ZeroCodeGradioTest {
    private static final List<ChatRequest> SEEN = new CopyOnWriteArrayList<>();
    private static AnyGradioAppProvider gradio;

    @BeforeAll
    static void start() {
        gradio = new AnyGradioAppProvider(null, Map.<String, String>of()::get);
    }

    @AfterAll
    static void stop() {
        gradio.close();
    }

    private static GradioSimulator sim(SimulatedApp app) {
        return GradioSimulator.builder().app(app).tokenDelay(Duration.ofMillis(1)).replyFunction(r -> {
            SEEN.add(r);
            return List.of("Sure", ", ", "done");
        }).start();
    }

    private static ProviderOptions.Builder options() {
        return ProviderOptions.builder().connectTimeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(10))
                .totalTimeout(Duration.ofSeconds(30));
    }

    private static ChunkRecorder run(String model, Messages messages, ProviderOptions options) throws Exception {
        ChunkRecorder recorder = new ChunkRecorder(Long.MAX_VALUE);
        gradio.createAsyncGenerator(model, messages, options).subscribe(recorder);
        recorder.awaitEnd(20);
        return recorder;
    }

    private static void answersAnyChatApp(Supplier<SimulatedApp> app) throws Exception {
        try (GradioSimulator sim = sim(app.get())) {
            ChunkRecorder recorder = run(sim.baseUrl() + "/", Messages.ofUser("Hello"), options().build());
            assertThat(recorder.awaitEnd(1)).isNull();
            assertThat(recorder.folded()).isEqualTo("Sure, done");
            assertThat(recorder.chunks().get(0)).isEqualTo(new ResponseChunk.ProviderInfo("Gradio", sim.baseUrl() + "/"));
        }
    }

    @Test
    void chatsWithAGradio4ChatInterface() throws Exception {
        answersAnyChatApp(SimulatedApp::chatInterface4);
    }

    @Test
    void chatsWithAGradio5MessagesChatInterface() throws Exception {
        answersAnyChatApp(SimulatedApp::chatInterface5);
    }

    @Test
    void chatsWithAGradio6ChatInterface() throws Exception {
        answersAnyChatApp(SimulatedApp::chatInterface6);
    }

    @Test
    void chatsWithBlocksAppsMadeOfATextboxAndAChatbot() throws Exception {
        answersAnyChatApp(SimulatedApp::tupleChatbot);
        answersAnyChatApp(SimulatedApp::qwen2_72b);
    }

    @Test
    void aThinkingChatInterfaceGivesReasoningApart() throws Exception {
        try (GradioSimulator sim = sim(SimulatedApp.chatInterface5Thinking())) {
            ChunkRecorder recorder = run(sim.baseUrl(), Messages.ofUser("Hello"), options().build());
            assertThat(recorder.awaitEnd(1)).isNull();
            assertThat(recorder.folded()).isEqualTo("Sure, done");
            assertThat(recorder.chunks()).contains(new ResponseChunk.Reasoning("Considering: Hello"));
        }
    }

    @Test
    void serverSideHistoryGoesInsideThePromptAndANoticeSaysSo() throws Exception {
        SEEN.clear();
        try (GradioSimulator sim = sim(SimulatedApp.chatInterface5())) {
            Messages chat = Messages.of(Message.user("Hi"), Message.assistant("Hello"), Message.user("More"));
            ChunkRecorder recorder = run(sim.baseUrl(), chat, options().build());
            assertThat(recorder.awaitEnd(1)).isNull();
            assertThat(SEEN.get(0).prompt()).isEqualTo("User: Hi\nAssistant: Hello\nUser: More\nAssistant:");
            assertThat(recorder.chunks()).anyMatch(c -> c instanceof ResponseChunk.Notice n
                    && n.message().contains("gr.State") && n.message().contains("2 earlier messages"));
        }
    }

    @Test
    void aSpaceIdIsResolvedThroughTheHuggingFaceEndpoint() throws Exception {
        try (GradioSimulator sim = sim(SimulatedApp.chatInterface5())) {
            try (JsonRoutes hf = new JsonRoutes(Map.of("/api/spaces/owner/chat-app/host",
                    "{\"subdomain\":\"owner-chat-app\",\"host\":\"" + sim.baseUrl() + "\"}"))) {
                String endpoint = hf.baseUrl();
                ChunkRecorder recorder = run("owner/chat-app", Messages.ofUser("Hello"),
                        options().param("hfEndpoint", endpoint).build());
                assertThat(recorder.awaitEnd(1)).isNull();
                assertThat(recorder.folded()).isEqualTo("Sure, done");
                ChunkRecorder missing = run("owner/missing", Messages.ofUser("Hello"),
                        options().param("hfEndpoint", endpoint).build());
                assertThat(missing.awaitEnd(1)).isInstanceOf(ResponseStatusException.class)
                        .hasMessageContaining("owner/missing").hasMessageContaining("not found");
            }
        }
    }

    @Test
    void anAppWithoutAChatEndpointIsRefusedNamingItsEndpoints() throws Exception {
        String config = """
                {"version":"4.44.1","protocol":"sse_v3","components":[{"id":1,"type":"slider","props":{"value":3}}],
                 "dependencies":[{"id":0,"targets":[[1,"change"]],"inputs":[1],"outputs":[1],"api_name":"update",
                 "backend_fn":true}]}""";
        try (JsonRoutes app = new JsonRoutes(Map.of("/config", config))) {
            ChunkRecorder recorder = run(app.baseUrl(), Messages.ofUser("Hello"),
                    options().build());
            assertThat(recorder.awaitEnd(1)).isInstanceOf(UpstreamProtocolException.class)
                    .hasMessageContaining("no chat-shaped endpoint").hasMessageContaining("/update (fn_index 0)");
        }
    }

    @Test
    void theRegistryReachesAnyAppThroughAPinnedGradioModel() throws Exception {
        try (GradioSimulator sim = sim(SimulatedApp.chatInterface4());
             dev.g4j.provider.registry.ProviderRegistry registry = dev.g4j.provider.registry.ProviderRegistry.load()) {
            String answer = registry.create("Gradio:" + sim.baseUrl(), Messages.ofUser("Hello"), options().build())
                    .text().get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer).isEqualTo("Sure, done");
        }
    }

    @Test
    void aUrlPasswordNeverShowsInTheRefusal() {
        assertThatThrownBy(() -> gradio.createAsyncGenerator("http://user:hunter2@127.0.0.1:7860/", Messages.ofUser("Hi"),
                ProviderOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void describesItselfWithoutIoAndRefusesRequestsThatNameNoApp() {
        assertThat(gradio.name()).isEqualTo("Gradio");
        assertThat(gradio.acceptsUnlistedModels()).isTrue();
        assertThat(gradio.getModel("https://example.org/app")).isEqualTo("https://example.org/app");
        assertThatThrownBy(() -> gradio.createAsyncGenerator(null, Messages.ofUser("Hi"), ProviderOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Gradio:owner/space");
        assertThatThrownBy(() -> gradio.createAsyncGenerator("ftp://x", Messages.ofUser("Hi"), ProviderOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither a Space id");
        assertThatThrownBy(() -> gradio.createAsyncGenerator("owner/app", Messages.of(Message.user("Hi"),
                Message.assistant("Hello")), ProviderOptions.defaults())).isInstanceOf(IllegalArgumentException.class);
    }
}
