package dev.g4j.gradio;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static dev.g4j.gradio.GradioClientTest.CONFIG;
import static dev.g4j.gradio.GradioClientTest.EV;
import static dev.g4j.gradio.GradioClientTest.ESTIMATION;
import static dev.g4j.gradio.GradioClientTest.HOST;
import static dev.g4j.gradio.GradioClientTest.STARTS;
import static dev.g4j.gradio.GradioClientTest.SYS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that redirects, floods, trickles or sends odd values gets a bound and a typed error, never an
 * unbounded buffer, a leaked call or a token sent elsewhere (docs/gradio-protocol.md, section "Limits").
 */
class GradioHostileServerTest {
    static final String TOKEN = "hf_secret_token_123";

    ScriptedServer server;
    GradioClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new ScriptedServer();
        server.config = CONFIG;
        server.joinsAs(EV);
        client = GradioClient.builder().vertx(HOST).connectTimeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(5))
                .totalTimeout(Duration.ofSeconds(20)).bearerToken(TOKEN).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        server.close();
    }

    static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    GradioRequest.Builder qwen() {
        return GradioRequest.builder(server.base(), GradioEndpoint.of(3, 25, ""))
                .data(List.of("Hello", List.of(), SYS, "72B"));
    }

    @Test
    void configRedirectToAnotherOriginIsRefusedAndTheTokenStaysHome() throws Exception {
        try (ScriptedServer other = new ScriptedServer()) {
            other.config = CONFIG;
            String target = other.base() + "/config?token=leak";
            server.routes.put("/config", (req, resp) -> resp.setStatusCode(302).putHeader("location", target).end());
            Throwable e = failure(client.config(server.base()));
            assertThat(e).isInstanceOf(GradioRedirectException.class)
                    .hasMessageContaining("127.0.0.1:" + other.port()).hasMessageNotContaining(TOKEN).hasMessageNotContaining("leak");
            assertThat(((GradioRedirectException) e).target().getPort()).isEqualTo(other.port());
            assertThat(other.seen).as("nothing, so no Authorization header, reached the other origin").isEmpty();
        }
    }

    @Test
    void configRedirectWithinTheOriginIsFollowedWithTheToken() throws Exception {
        server.routes.put("/config", (req, resp) -> resp.setStatusCode(301).putHeader("location", "/moved/config").end());
        server.routes.put("/moved/config", (req, resp) -> resp.putHeader("content-type", "application/json").end(CONFIG));
        GradioConfig cfg = client.config(server.base()).get(10, TimeUnit.SECONDS);
        assertThat(cfg.requireEndpoint("model_chat").fnIndex()).isEqualTo(3);
        assertThat(server.requests("/moved/config")).singleElement()
                .satisfies(s -> assertThat(s.header("authorization")).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void endlessRedirectsWithinTheOriginStop() throws Exception {
        server.routes.put("/config", (req, resp) -> resp.setStatusCode(307).putHeader("location", "/config").end());
        assertThat(failure(client.config(server.base()))).isInstanceOf(GradioRedirectException.class)
                .hasMessageContaining("more than 5 times");
        assertThat(server.requests("/config")).hasSize(6);
    }

    @Test
    void endlessConfigBodyIsCutAt8MiB() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        server.routes.put("/config", (req, resp) -> {
            req.connection().closeHandler(v -> closed.complete(null));
            resp.setChunked(true).putHeader("content-type", "application/json");
            writeForever(resp, Buffer.buffer("[".repeat(1)).appendString(" ".repeat(64 * 1024 - 1)));
        });
        assertThat(failure(client.config(server.base()))).isInstanceOf(GradioProtocolException.class)
                .hasMessageContaining("larger than " + 8 * 1024 * 1024 + " bytes");
        closed.get(10, TimeUnit.SECONDS);
    }

    /**
     * Writes {@code chunk} again and again, a few at a time so that the server's event loop stays free, until the
     * connection closes or 64 MiB were written (a safety stop far above every cap under test).
     */
    private void writeForever(HttpServerResponse resp, Buffer chunk) {
        writeMore(resp, chunk, 64L * 1024 * 1024);
    }

    private void writeMore(HttpServerResponse resp, Buffer chunk, long budget) {
        if (resp.closed() || resp.ended() || budget <= 0) {
            return;
        }
        for (int i = 0; i < 8; i++) {
            resp.write(chunk.copy());
        }
        long left = budget - 8L * chunk.length();
        if (resp.writeQueueFull()) {
            resp.drainHandler(v -> writeMore(resp, chunk, left));
        } else {
            server.vertx.setTimer(1, t -> writeMore(resp, chunk, left));
        }
    }

    @Test
    void oversizedJoinAnswerIsAProtocolError() throws Exception {
        server.join = (n, body, answer) -> answer.complete(new ScriptedServer.JoinAnswer(200,
                "{\"event_id\":\"" + EV + "\",\"pad\":\"" + "x".repeat(100_000) + "\"}"));
        Collector c = new Collector();
        client.submit(qwen().build()).subscribe(c);
        assertThat(c.await()).isInstanceOf(GradioProtocolException.class).hasMessageContaining("queue join")
                .hasMessageContaining("larger than 65536 bytes");
        assertThat(server.requests("/queue/data")).isEmpty();
    }

    @Test
    void oversizedErrorBodyOfTheStreamIsCut() throws Exception {
        server.routes.put("/queue/data", (req, resp) -> {
            resp.setStatusCode(500).setChunked(true);
            writeForever(resp, Buffer.buffer("e".repeat(16 * 1024)));
        });
        Collector c = new Collector();
        client.submit(qwen().build()).subscribe(c);
        assertThat(c.await()).isInstanceOf(GradioProtocolException.class).hasMessageContaining("event stream request")
                .hasMessageContaining("larger than 65536 bytes");
    }

    @Test
    void messagesForUnknownEventsHaveAByteBudget() throws Exception {
        client.close();
        client = GradioClient.builder().vertx(HOST).maxEventBytes(4096).build();
        String foreign = "{\"msg\":\"log\",\"event_id\":\"someone-else\",\"log\":\"" + "y".repeat(2000) + "\"}";
        server.stream = (req, resp) -> {
            resp.write("data: " + ESTIMATION + "\n\n");
            for (int i = 0; i < 50; i++) {
                resp.write("data: " + foreign + "\n\n");
            }
        };
        Collector c = new Collector();
        client.submit(qwen().build()).subscribe(c);
        assertThat(c.await()).isInstanceOf(GradioProtocolException.class).hasMessageContaining("more than 8192 bytes")
                .hasMessageContaining("not joined");
        assertThat(c.events).hasSize(1);
        server.streamClosed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTotalTimeoutCoversATricklingConfig() throws Exception {
        server.routes.put("/config", (req, resp) -> {
            resp.setChunked(true).putHeader("content-type", "application/json");
            long timer = server.vertx.setPeriodic(50, id -> resp.write(" "));
            req.connection().closeHandler(v -> server.vertx.cancelTimer(timer));
        });
        Collector c = new Collector();
        client.submit(GradioRequest.builder(server.base(), "model_chat").totalTimeout(Duration.ofMillis(700)).build()).subscribe(c);
        Throwable e = c.await(); // the idle limit (5 s) never fires: the server sends a byte every 50 ms
        assertThat(e).isInstanceOf(GradioTimeoutException.class);
        assertThat(((GradioTimeoutException) e).kind()).isEqualTo(GradioTimeoutException.Kind.TOTAL);
        // the fetch itself is bounded too, so no later call waits on it forever
        Throwable f = failure(client.config(server.base(), GradioSettings.builder().totalTimeout(Duration.ofMillis(300)).build()));
        assertThat(f).isInstanceOf(GradioTimeoutException.class).hasMessageContaining("/config");
    }

    @Test
    void aSubscriberThrowingFromOnNextCancelsTheCallAndLeavesTheClient() throws Exception {
        server.stream = (req, resp) -> resp.write("data: " + ESTIMATION + "\n\ndata: " + STARTS + "\n\n");
        CompletableFuture<Void> threw = new CompletableFuture<>();
        client.submit(qwen().build()).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(GradioEvent item) {
                threw.complete(null);
                throw new IllegalStateException("subscriber bug");
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        threw.get(10, TimeUnit.SECONDS);
        server.streamClosed.get(10, TimeUnit.SECONDS);
        assertThat(client.liveCalls()).isZero();
    }

    @Test
    void anEditPastTheIntRangeFailsInsteadOfWrapping() throws Exception {
        String gen1 = "{\"msg\":\"process_generating\",\"event_id\":\"" + EV + "\",\"output\":{\"data\":[[\"a\",\"b\"]]},\"success\":true}";
        String gen2 = "{\"msg\":\"process_generating\",\"event_id\":\"" + EV + "\",\"output\":{\"data\":[[[\"replace\",[4294967296],\"x\"]]]},\"success\":true}";
        String done = "{\"msg\":\"process_completed\",\"event_id\":\"" + EV + "\",\"output\":{\"data\":[[\"a\",\"b\"]]},\"success\":true}";
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, gen1, gen2, done);
        Collector c = new Collector();
        client.submit(qwen().build()).subscribe(c);
        assertThat(c.await()).isInstanceOf(GradioProtocolException.class).hasMessageContaining("4294967296")
                .hasMessageContaining("not a valid list index");
        assertThat(c.events).hasSize(1);
        assertThat(((GradioEvent.Generating) c.events.get(0)).outputs().get(0).get(0).asText()).as("index 0 untouched")
                .isEqualTo("a");
    }

    @Test
    void aMessageNestedTooDeeplyFailsTheCallCleanly() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        server.stream = (req, resp) -> resp.write("data: {\"msg\":\"process_generating\",\"event_id\":\"" + EV
                + "\",\"output\":{\"data\":[" + deep + "]},\"success\":true}\n\n");
        Collector c = new Collector();
        client.submit(qwen().build()).subscribe(c);
        assertThat(c.await()).isInstanceOf(GradioProtocolException.class);
        assertThat(c.terminals.get()).isEqualTo(1);
        server.streamClosed.get(10, TimeUnit.SECONDS);
        assertThat(client.liveCalls()).isZero();
    }
}
