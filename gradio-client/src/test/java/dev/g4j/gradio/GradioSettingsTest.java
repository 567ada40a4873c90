package dev.g4j.gradio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.g4j.gradio.GradioClientTest.CLOSE;
import static dev.g4j.gradio.GradioClientTest.CONFIG;
import static dev.g4j.gradio.GradioClientTest.DONE;
import static dev.g4j.gradio.GradioClientTest.EV;
import static dev.g4j.gradio.GradioClientTest.HOST;
import static dev.g4j.gradio.GradioClientTest.SYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings travel with each request; per-app state is kept apart per base URL, token and proxy. */
class GradioSettingsTest {
    ScriptedServer server;
    GradioClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new ScriptedServer();
        server.config = CONFIG;
        server.joinsAs(EV);
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, DONE, CLOSE);
        client = GradioClient.builder().vertx(HOST).idleTimeout(Duration.ofSeconds(5)).bearerToken("client-token").build();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        server.close();
    }

    private GradioSettings token(String t) {
        return GradioSettings.builder().bearerToken(t).build();
    }

    @Test
    void configIsCachedPerToken() throws Exception {
        client.config(server.base(), token("alice")).get(5, TimeUnit.SECONDS);
        client.config(server.base(), token("alice")).get(5, TimeUnit.SECONDS);
        client.config(server.base(), token("bob")).get(5, TimeUnit.SECONDS);
        client.config(server.base()).get(5, TimeUnit.SECONDS);
        assertThat(server.requests("/config")).extracting(s -> s.header("authorization"))
                .containsExactly("Bearer alice", "Bearer bob", "Bearer client-token");
        client.invalidateConfig(server.base());
        client.config(server.base(), token("alice")).get(5, TimeUnit.SECONDS);
        assertThat(server.requests("/config")).hasSize(4);
    }

    @Test
    void eachRequestSendsItsOwnTokenAndSharedHashesDoNotMixTokens() throws Exception {
        // alice's stream stays open until bob's arrives: a session shared across tokens would carry both calls
        java.util.concurrent.CompletableFuture<Void> bobStreaming = new java.util.concurrent.CompletableFuture<>();
        server.join = (n, body, answer) -> answer.complete(new ScriptedServer.JoinAnswer(200, "{\"event_id\":\"ev" + n + "\"}"));
        server.stream = (req, resp) -> {
            boolean alice = "Bearer alice".equals(req.getHeader("authorization"));
            String done = DONE.replace(EV, alice ? "ev0" : "ev1");
            if (alice) {
                bobStreaming.thenRun(() -> server.vertx.runOnContext(v -> ScriptedServer.writeAll(resp, done, CLOSE)));
            } else {
                bobStreaming.complete(null);
                ScriptedServer.writeAll(resp, done, CLOSE);
            }
        };
        GradioEndpoint ep = GradioEndpoint.of(3, 25, "");
        List<Collector> calls = new java.util.ArrayList<>();
        for (String t : List.of("alice", "bob")) {
            Collector c = new Collector();
            GradioCall call = client.submit(GradioRequest.builder(server.base(), ep).data(List.of("Hello", List.of(), SYS, "72B"))
                    .sessionHash("shared").bearerToken(t).build());
            call.subscribe(c);
            call.eventId().get(5, TimeUnit.SECONDS);
            calls.add(c);
        }
        for (Collector c : calls) {
            assertThat(c.await()).isNull();
        }
        assertThat(server.requests("/queue/join")).extracting(s -> s.header("authorization"))
                .containsExactly("Bearer alice", "Bearer bob");
        assertThat(server.requests("/queue/data")).as("one stream per token").extracting(s -> s.header("authorization"))
                .containsExactlyInAnyOrder("Bearer alice", "Bearer bob");
    }

    @Test
    void settingsNeverShowTheTokenOrProxyPassword() {
        GradioSettings s = GradioSettings.builder().bearerToken("hf_secret").proxy(URI.create("http://u:p4ss@127.0.0.1:3128"))
                .maxEventBytes(4096).build();
        assertThat(s.toString()).doesNotContain("hf_secret").doesNotContain("p4ss").contains("***");
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThatThrownBy(() -> GradioSettings.builder().maxEventBytes(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GradioSettings.builder().totalTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
