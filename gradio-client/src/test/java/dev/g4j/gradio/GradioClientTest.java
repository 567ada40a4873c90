package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.gradio.internal.CallState;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GradioClientTest {
    static final ObjectMapper M = new ObjectMapper();
    static final String EV = "6f1c2b9e0d4a4c7f9a3e5b1d2c8f7a60";
    static final String SYS = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    static final String CONFIG = "{\"version\":\"4.44.1\",\"protocol\":\"sse_v3\",\"root\":\"x\",\"show_error\":false,"
            + "\"components\":[{\"id\":23,\"type\":\"textbox\",\"props\":{\"value\":\"" + SYS + "\",\"visible\":false}},"
            + "{\"id\":24,\"type\":\"modelscopechatbot\",\"props\":{\"value\":[],\"label\":\"72b\"}},"
            + "{\"id\":25,\"type\":\"textbox\",\"props\":{\"value\":\"\",\"label\":\"Input\"}},"
            + "{\"id\":14,\"type\":\"radio\",\"props\":{\"value\":\"72B\",\"choices\":[]}}],"
            + "\"dependencies\":[{\"id\":3,\"targets\":[[25,\"submit\"]],\"inputs\":[25,24,23,14],\"outputs\":[25,24,20],"
            + "\"backend_fn\":true,\"queue\":true,\"api_name\":\"model_chat\",\"types\":{\"generator\":true,\"cancel\":false}},"
            + "{\"id\":4,\"targets\":[[26,\"click\"]],\"inputs\":[25,24,23,14],\"outputs\":[25,24,20],\"api_name\":\"model_chat_1\"}]}";

    static String msg(String body) {
        return "{\"msg\":" + body + "}";
    }

    static String bubble(String text) {
        return "{\"id\":null,\"elem_id\":null,\"elem_classes\":null,\"name\":null,\"text\":\"" + text
                + "\",\"flushing\":null,\"avatar\":\"\",\"files\":null}";
    }

    static final String ESTIMATION = "{\"msg\":\"estimation\",\"event_id\":\"" + EV + "\",\"rank\":0,\"queue_size\":1,\"rank_eta\":4.21}";
    static final String STARTS = "{\"msg\":\"process_starts\",\"event_id\":\"" + EV + "\",\"eta\":4.21}";
    static final String GEN1 = "{\"msg\":\"process_generating\",\"event_id\":\"" + EV + "\",\"output\":{\"data\":[\"\",[["
            + bubble("Hello") + "," + bubble("Hi") + "]],\"" + SYS + "\"],\"is_generating\":true,\"duration\":0.612,"
            + "\"average_duration\":0.298,\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";
    static final String GEN2 = "{\"msg\":\"process_generating\",\"event_id\":\"" + EV + "\",\"output\":{\"data\":[[],[[\"append\",[0,1,\"text\"],\" there\"]],[]],"
            + "\"is_generating\":true,\"duration\":0.081,\"average_duration\":0.297,\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";
    static final String GEN3 = "{\"msg\":\"process_generating\",\"event_id\":\"" + EV + "\",\"output\":{\"data\":[[],[[\"append\",[0,1,\"text\"],\"!\"]],[]],"
            + "\"is_generating\":true,\"duration\":0.077,\"average_duration\":0.296,\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";
    static final String DONE = "{\"msg\":\"process_completed\",\"event_id\":\"" + EV + "\",\"output\":{\"data\":[\"\",[["
            + bubble("Hello") + "," + bubble("Hi there!") + "]],\"" + SYS + "\"],\"is_generating\":false,\"duration\":0.004,"
            + "\"average_duration\":0.295,\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";
    static final String CLOSE = "{\"msg\":\"close_stream\",\"event_id\":null}";
    static final String HEARTBEAT = "{\"msg\":\"heartbeat\",\"event_id\":null}";

    /** A host-owned Vert.x shared by most tests; a few build clients that own their Vert.x. */
    static final io.vertx.core.Vertx HOST = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setUseDaemonThread(true));

    ScriptedServer server;
    GradioClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new ScriptedServer();
        server.config = CONFIG;
        server.joinsAs(EV);
        client = GradioClient.builder().vertx(HOST).connectTimeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(5))
                .totalTimeout(Duration.ofSeconds(20)).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        server.close();
    }

    GradioRequest.Builder qwen() throws Exception {
        GradioEndpoint ep = client.config(server.base()).get(5, TimeUnit.SECONDS).requireEndpoint("model_chat");
        return GradioRequest.builder(server.base(), ep).data(List.of("Hello", List.of(), SYS, "72B"));
    }

    Collector run(GradioRequest r) {
        Collector c = new Collector();
        client.submit(r).subscribe(c);
        return c;
    }

    @Test
    void transcript12_1EndToEnd() throws Exception {
        client.close();
        client = GradioClient.builder().build(); // owns its Vert.x: its threads must be daemons
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, GEN2, GEN3, DONE, CLOSE);
        Collector c = run(qwen().build());
        assertThat(c.await()).isNull();
        assertThat(c.terminals.get()).isEqualTo(1);
        assertThat(c.daemonThread).as("the client's own Vert.x threads are daemons").isTrue();

        List<GradioEvent> ev = c.events;
        assertThat(ev).hasSize(6);
        assertThat(ev.get(0)).isEqualTo(new GradioEvent.Queued(EV, 0, 1, 4.21));
        assertThat(ev.get(1)).isEqualTo(new GradioEvent.Started(EV, 4.21));
        GradioEvent.Generating g1 = (GradioEvent.Generating) ev.get(2);
        assertThat(g1.changes()).hasSize(3).allMatch(ch -> ch.op() == DiffOp.REPLACE && ch.path().isEmpty());
        GradioEvent.Generating g2 = (GradioEvent.Generating) ev.get(3);
        assertThat(g2.changes()).containsExactly(new OutputChange(1, DiffOp.APPEND, List.of(0, 1, "text"), M.readTree("\" there\"")));
        assertThat(c.snapshots.get(1).get(1).at("/0/1/text").asText()).isEqualTo("Hi there");
        assertThat(c.snapshots.get(2).get(1).at("/0/1/text").asText()).isEqualTo("Hi there!");
        GradioEvent.Completed done = (GradioEvent.Completed) ev.get(5);
        assertThat(done.hasData()).isTrue();
        assertThat(done.outputs().get(1).at("/0/1/text").asText()).isEqualTo("Hi there!");
        assertThat(done.outputs().get(2).asText()).isEqualTo(SYS);

        ScriptedServer.Seen join = server.requests("/queue/join").get(0);
        assertThat(join.method()).isEqualTo("POST");
        assertThat(join.uri()).isEqualTo("/queue/join?");
        assertThat(join.header("content-type")).isEqualTo("application/json");
        assertThat(join.header("user-agent")).startsWith("g4j/");
        JsonNode body = M.readTree(join.body());
        assertThat(body.get("data")).isEqualTo(M.readTree("[\"Hello\",[],\"" + SYS + "\",\"72B\"]"));
        assertThat(body.get("fn_index").asInt()).isEqualTo(3);
        assertThat(body.get("trigger_id").asInt()).isEqualTo(25);
        assertThat(body.get("event_data").isNull()).isTrue();
        String hash = body.get("session_hash").asText();
        assertThat(hash).isNotBlank();
        assertThat(server.requests("/queue/data").get(0).uri()).isEqualTo("/queue/data?session_hash=" + hash);
        assertThat(server.requests("/cancel")).isEmpty();
    }

    @Test
    void configIsCachedAndResolvesByNameTriggerAndIndex() throws Exception {
        GradioConfig cfg = client.config(server.base()).get(5, TimeUnit.SECONDS);
        assertThat(client.config(URI.create(server.base() + "/")).get(5, TimeUnit.SECONDS)).isSameAs(cfg);
        assertThat(server.requests("/config")).hasSize(1);
        assertThat(cfg.version()).isEqualTo("4.44.1");
        assertThat(cfg.apiPrefix()).isEmpty();
        assertThat(cfg.endpointByApiName("/model_chat_1").orElseThrow().fnIndex()).isEqualTo(4);
        GradioEndpoint byTrigger = cfg.endpointByTrigger(25, "submit").orElseThrow();
        assertThat(byTrigger.fnIndex()).isEqualTo(3);
        assertThat(byTrigger.triggerId()).isEqualTo(25);
        assertThat(cfg.endpointByTrigger(25, "click")).isEmpty();
        assertThat(cfg.endpointByFnIndex(4).orElseThrow().dependency().apiName()).isEqualTo("model_chat_1");
        assertThat(cfg.defaultValue(23).asText()).isEqualTo(SYS);
        assertThat(cfg.defaultValue(24).isArray()).isTrue();
        assertThat(cfg.endpointByApiName("nope")).isEmpty();
    }

    @Test
    void requestByApiNameResolvesThroughConfigAndGradio5Prefix() throws Exception {
        server.prefix = "/gradio_api";
        server.config = CONFIG.replace("\"version\":\"4.44.1\"", "\"version\":\"5.49.1\",\"api_prefix\":\"/gradio_api\"");
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, DONE, CLOSE);
        Collector c = run(GradioRequest.builder(server.base(), "model_chat").data(List.of("Hello", List.of(), SYS, "72B")).build());
        assertThat(c.await()).isNull();
        assertThat(server.requests("/gradio_api/queue/join?")).hasSize(1);
        assertThat(server.requests("/gradio_api/queue/data?session_hash=")).hasSize(1);
    }

    @Test
    void handMadeEndpointWorksWithoutConfig() throws Exception {
        server.config = null;
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, DONE, CLOSE);
        Collector c = run(GradioRequest.builder(server.base(), GradioEndpoint.of(3, null, "")).data(List.of("x")).build());
        assertThat(c.await()).isNull();
        assertThat(M.readTree(server.requests("/queue/join").get(0).body()).has("trigger_id")).isFalse();
        assertThat(client.config(server.base()).handle((cfg, e) -> e).get(5, TimeUnit.SECONDS))
                .isInstanceOf(GradioStatusException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "503 | {\"detail\":\"Queue is full. Max size is 1 and size is 1.\"} | GradioRateLimitException          | retry later",
            "429 | Too many requests                                      | GradioRateLimitException          | wait",
            "422 | {\"detail\":[{\"type\":\"missing\"}]}                   | GradioStatusException     | inputs order",
            "404 | {\"detail\":\"Not Found\"}                               | GradioStatusException     | /gradio_api",
            "401 | {\"detail\":\"Not authenticated\"}                       | GradioStatusException     | bearer token",
            "500 | Internal Server Error                                  | GradioStatusException     | HTTP 500",
            "200 | {\"detail\":\"odd\"}                                     | GradioProtocolException   | event_id",
    })
    void joinFailuresAreTyped(int status, String body, String type, String hint) throws Exception {
        server.join = (n, b, answer) -> answer.complete(new ScriptedServer.JoinAnswer(status, body));
        Collector c = run(qwen().build());
        Throwable e = c.await();
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.getMessage()).contains(hint);
        if (e instanceof GradioStatusException rse) {
            assertThat(rse.status()).isEqualTo(status);
        }
        assertThat(c.terminals.get()).isEqualTo(1);
        assertThat(server.requests("/queue/data")).as("no stream after a refused join").isEmpty();
    }

    @Test
    void completedFailureWithoutMessage() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS,
                "{\"msg\":\"process_completed\",\"event_id\":\"" + EV + "\",\"output\":{\"error\":null},\"success\":false}", CLOSE);
        Collector c = run(qwen().build());
        Throwable e = c.await();
        assertThat(e).isInstanceOf(GradioRemoteException.class).hasMessageContaining("no reason");
        assertThat(c.events).hasSize(2);
    }

    @Test
    void completedFailureWithMessageAndTitleAfterYields() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, GEN2,
                "{\"msg\":\"process_completed\",\"event_id\":\"" + EV + "\",\"output\":{\"error\":\"Model busy\",\"duration\":5,"
                        + "\"visible\":true,\"title\":\"Error\"},\"success\":false,\"title\":\"Error\"}", CLOSE);
        Collector c = run(qwen().build());
        assertThat(c.await()).isInstanceOf(GradioRemoteException.class).hasMessageContaining("Error: Model busy");
        assertThat(c.events).hasSize(4);
    }

    @Test
    void cancelledEventCompletesWithoutData() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION,
                "{\"msg\":\"process_completed\",\"event_id\":\"" + EV + "\",\"output\":{},\"success\":true}", CLOSE);
        Collector c = run(qwen().build());
        assertThat(c.await()).isNull();
        assertThat(((GradioEvent.Completed) c.events.get(1)).hasData()).isFalse();
    }

    @Test
    void unexpectedErrorServerStopped() throws Exception {
        String stop = "{\"msg\":\"unexpected_error\",\"event_id\":null,\"message\":\"Server stopped unexpectedly.\",\"success\":false}";
        server.stream = (req, resp) -> {
            for (int i = 0; i < 5; i++) {
                resp.write("data: " + stop + "\n\n");
            }
        };
        Collector c = run(qwen().build());
        assertThat(c.await()).isInstanceOf(GradioRemoteException.class).hasMessageContaining("shutting down");
        server.streamClosed.get(5, TimeUnit.SECONDS);
        assertThat(c.terminals.get()).isEqualTo(1);
    }

    @Test
    void unexpectedErrorSessionNotFound() throws Exception {
        server.stream = (req, resp) -> {
            resp.write("data: {\"msg\":\"unexpected_error\",\"event_id\":null,\"message\":\"404: Not Found\",\"session_not_found\":true,\"success\":false}\n\n");
            req.connection().close();
        };
        Collector c = run(qwen().build());
        assertThat(c.await()).isInstanceOf(GradioRemoteException.class).hasMessageContaining("does not know session");
    }

    @Test
    void unknownMessageTypesAndLogsAndProgress() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, "{\"msg\":\"brand_new\",\"event_id\":\"" + EV + "\"}",
                "{\"msg\":\"log\",\"event_id\":\"" + EV + "\",\"log\":\"Using 72b\",\"level\":\"info\",\"duration\":10.0,\"visible\":true,\"title\":\"Info\"}",
                "{\"msg\":\"progress\",\"event_id\":\"" + EV + "\",\"progress_data\":[{\"index\":3,\"length\":10}]}", HEARTBEAT, DONE, CLOSE);
        Collector c = run(qwen().build());
        assertThat(c.await()).isNull();
        assertThat(c.events.get(1)).isEqualTo(new GradioEvent.Log(EV, "info", "Using 72b", "Info"));
        assertThat(((GradioEvent.Progress) c.events.get(2)).data().get(0).get("index").asInt()).isEqualTo(3);
        assertThat(c.events).hasSize(4);
    }

    @Test
    void malformedJsonIsAProtocolError() throws Exception {
        server.stream = (req, resp) -> resp.write("data: {not json\n\n");
        Collector c = run(qwen().build());
        assertThat(c.await()).isInstanceOf(GradioProtocolException.class).hasMessageContaining("not JSON");
        server.streamClosed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void oversizedEventClosesTheConnection() throws Exception {
        client.close();
        client = GradioClient.builder().vertx(HOST).maxEventBytes(4096).build();
        server.stream = (req, resp) -> resp.write("data: {\"msg\":\"log\",\"event_id\":\"" + EV + "\",\"log\":\"" + "x".repeat(10_000) + "\"}\n\n");
        Collector c = run(qwen().build());
        assertThat(c.await()).isInstanceOf(GradioProtocolException.class).hasMessageContaining("4096");
        server.streamClosed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void droppedConnectionMidStream() throws Exception {
        server.stream = (req, resp) -> {
            resp.write("data: " + ESTIMATION + "\n\ndata: " + STARTS + "\n\n");
            server.vertx.setTimer(20, t -> req.connection().close());
        };
        Collector c = run(qwen().build());
        Throwable e = c.await();
        assertThat(e).isInstanceOf(GradioConnectionException.class).hasMessageContaining("127.0.0.1:" + server.port());
        assertThat(c.events).hasSize(2);
    }

    @Test
    void streamEndingWithoutCompletionIsAConnectionError() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS);
        Collector c = run(qwen().build());
        assertThat(c.await()).isInstanceOf(GradioConnectionException.class).hasMessageContaining("before event");
    }

    @Test
    void idleTimeoutFiresOnStallButHeartbeatsResetIt() throws Exception {
        long idle = 300;
        server.stream = (req, resp) -> {
            resp.write("data: " + ESTIMATION + "\n\n");
            // Five heartbeats 150 ms apart (750 ms > idle), then silence.
            for (int i = 1; i <= 5; i++) {
                server.vertx.setTimer(150L * i, t -> resp.write("data: " + HEARTBEAT + "\n\n"));
            }
        };
        long t0 = System.nanoTime();
        Collector c = run(qwen().idleTimeout(Duration.ofMillis(idle)).build());
        Throwable e = c.await();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e).isInstanceOf(GradioTimeoutException.class);
        assertThat(((GradioTimeoutException) e).kind()).isEqualTo(GradioTimeoutException.Kind.IDLE);
        assertThat(ms).as("heartbeats kept the stream alive").isGreaterThanOrEqualTo(750 + idle);
        server.streamClosed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theBytesOfAnEventStillArrivingKeepTheIdleTimeoutAway() throws Exception {
        long idle = 300;
        String last = "data: " + DONE + "\n\n";
        int pieces = 6; // 150 ms apart: 750 ms > idle, with no whole message in between
        server.stream = (req, resp) -> {
            resp.write("data: " + ESTIMATION + "\n\n");
            for (int i = 1; i <= pieces; i++) {
                int from = last.length() * (i - 1) / pieces;
                int to = last.length() * i / pieces;
                server.vertx.setTimer(150L * i, t -> {
                    resp.write(last.substring(from, to));
                    if (to == last.length()) {
                        ScriptedServer.writeAll(resp, CLOSE);
                    }
                });
            }
        };
        Collector c = run(qwen().idleTimeout(Duration.ofMillis(idle)).build());
        assertThat(c.await()).as("a slow but live stream is not idle").isNull();
        assertThat(c.events.get(c.events.size() - 1)).isInstanceOf(GradioEvent.Completed.class);
    }

    @Test
    void idleTimeoutBeforeResponseHeaders() throws Exception {
        server.stream = (req, resp) -> { }; // headers never sent: no write, no end
        Collector c = run(qwen().idleTimeout(Duration.ofMillis(200)).build());
        Throwable e = c.await();
        assertThat(e).isInstanceOf(GradioTimeoutException.class);
    }

    @Test
    void totalTimeout() throws Exception {
        server.stream = (req, resp) -> server.vertx.setPeriodic(30, t -> resp.write("data: " + HEARTBEAT + "\n\n"));
        Collector c = run(qwen().totalTimeout(Duration.ofMillis(300)).build());
        Throwable e = c.await();
        assertThat(e).isInstanceOf(GradioTimeoutException.class);
        assertThat(((GradioTimeoutException) e).kind()).isEqualTo(GradioTimeoutException.Kind.TOTAL);
        server.streamClosed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void refusedConnectionNamesTheHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + port);
        Collector c = run(GradioRequest.builder(dead, GradioEndpoint.of(3, 25, "")).data(List.of("x")).build());
        assertThat(c.await()).isInstanceOf(GradioConnectionException.class).hasMessageContaining("127.0.0.1:" + port);
        Throwable cfg = client.config(dead).handle((x, e) -> e).get(5, TimeUnit.SECONDS);
        assertThat(cfg).isInstanceOf(GradioConnectionException.class);
    }

    @Test
    void cancelClosesTheStreamAndPostsCancel() throws Exception {
        server.stream = (req, resp) -> resp.write("data: " + ESTIMATION + "\n\n");
        Collector c = new Collector();
        GradioCall call = client.submit(qwen().build());
        CompletableFuture<GradioEvent> first = c.nextEvent;
        call.subscribe(c);
        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(GradioEvent.Queued.class);
        assertThat(call.eventId().get(5, TimeUnit.SECONDS)).isEqualTo(EV);
        call.cancel();
        server.streamClosed.get(5, TimeUnit.SECONDS);
        // The best-effort /cancel carries the ids.
        JsonNode cancel = M.readTree(server.cancelBody.get(5, TimeUnit.SECONDS));
        assertThat(cancel.get("event_id").asText()).isEqualTo(EV);
        assertThat(cancel.get("fn_index").asInt()).isEqualTo(3);
        assertThat(c.terminals.get()).isZero();
    }

    @Test
    void backPressurePausesTheHttpStream() throws Exception {
        int total = 400;
        String pad = "p".repeat(8000);
        CompletableFuture<Long> queueFull = new CompletableFuture<>();
        server.stream = (req, resp) -> {
            resp.setWriteQueueMaxSize(64 * 1024);
            long[] written = {0};
            int[] i = {0};
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (i[0] < total) {
                    if (resp.writeQueueFull()) {
                        queueFull.complete(written[0]);
                        resp.drainHandler(v -> pump[0].run());
                        return;
                    }
                    String m = "{\"msg\":\"log\",\"event_id\":\"" + EV + "\",\"log\":\"" + i[0] + pad + "\",\"level\":\"info\"}";
                    Buffer b = Buffer.buffer("data: " + m + "\n\n");
                    written[0] += b.length();
                    resp.write(b);
                    i[0]++;
                }
                resp.write("data: " + DONE + "\n\ndata: " + CLOSE + "\n\n");
                resp.end();
            };
            pump[0].run();
        };
        Collector c = new Collector(1);
        CompletableFuture<GradioEvent> first = c.nextEvent;
        GradioCall call = client.submit(qwen().build());
        call.subscribe(c);
        first.get(5, TimeUnit.SECONDS);
        long bytesWhenFull = queueFull.get(10, TimeUnit.SECONDS);
        assertThat(bytesWhenFull).as("the server is blocked long before it wrote everything").isLessThan(total * 8000L);
        assertThat(c.events).hasSize(1);
        CallState state = call.state();
        c.sub().request(Long.MAX_VALUE);
        assertThat(c.await()).isNull();
        assertThat(c.events).hasSize(total + 1);
        // Messages waiting for the subscriber stay bounded: the pause bound (8) plus what one network read held.
        assertThat(state.maxBacklog()).isBetween(1, 8 + 64 * 1024 / 8000 + 2);
    }

    @Test
    void cancellingTheSlowCallOfASharedSessionResumesTheStreamForTheOthers() throws Exception {
        client.close();
        // a small event limit makes the session's budget for unjoined events' messages (2 x 16 KiB) far smaller than
        // what the cancelled event still sends: those are dropped, not held
        client = GradioClient.builder().vertx(HOST).maxEventBytes(16 * 1024).idleTimeout(Duration.ofSeconds(5))
                .totalTimeout(Duration.ofSeconds(20)).build();
        String slow = "aaaa";
        String fast = "bbbb";
        String pad = "p".repeat(8000);
        server.join = (n, body, answer) -> answer.complete(new ScriptedServer.JoinAnswer(200,
                "{\"event_id\":\"" + (n == 0 ? slow : fast) + "\"}"));
        CompletableFuture<Void> queueFull = new CompletableFuture<>();
        server.stream = (req, resp) -> server.vertx.setPeriodic(5, t -> {
            if (server.joins.get() < 2) {
                return;
            }
            server.vertx.cancelTimer(t);
            resp.setWriteQueueMaxSize(64 * 1024);
            int[] i = {0};
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (i[0] < 1000) {
                    if (resp.writeQueueFull()) {
                        queueFull.complete(null);
                        resp.drainHandler(v -> pump[0].run());
                        return;
                    }
                    resp.write("data: {\"msg\":\"log\",\"event_id\":\"" + slow + "\",\"log\":\"" + pad + "\",\"level\":\"info\"}\n\n");
                    i[0]++;
                }
                ScriptedServer.writeAll(resp, STARTS.replace(EV, fast), GEN1.replace(EV, fast), DONE.replace(EV, fast), CLOSE);
            };
            pump[0].run();
        });
        GradioRequest r = qwen().sessionHash("shared2").build();
        Collector behind = new Collector(0);
        GradioCall slowCall = client.submit(r);
        slowCall.subscribe(behind);
        slowCall.eventId().get(5, TimeUnit.SECONDS);
        Collector keen = run(r);
        queueFull.get(10, TimeUnit.SECONDS);
        assertThat(keen.events).as("the stream is paused for the slow call").isEmpty();
        slowCall.cancel();
        assertThat(keen.await()).as("the other call gets its events once the slow one is gone").isNull();
        assertThat(keen.events).extracting(GradioEvent::eventId).containsOnly(fast);
        assertThat(behind.events).isEmpty();
    }

    @Test
    void requestOneGivesOneEventAtATime() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, GEN2, GEN3, DONE, CLOSE);
        Collector c = new Collector(0);
        client.submit(qwen().build()).subscribe(c);
        for (int i = 0; i < 6; i++) {
            CompletableFuture<GradioEvent> next = c.nextEvent;
            c.sub().request(1);
            next.get(5, TimeUnit.SECONDS);
            assertThat(c.events).hasSize(i + 1);
        }
        assertThat(c.await()).isNull();
        assertThat(c.snapshots.get(0).get(1).at("/0/1/text").asText()).as("live view matches its own message").isEqualTo("Hi");
        assertThat(c.snapshots.get(1).get(1).at("/0/1/text").asText()).isEqualTo("Hi there");
    }

    @Test
    void requestOneFromInsideOnNextDoesNotRecurse() throws Exception {
        int total = 5000;
        String[] msgs = new String[total + 2];
        for (int i = 0; i < total; i++) {
            msgs[i] = "{\"msg\":\"log\",\"event_id\":\"" + EV + "\",\"log\":\"" + i + "\",\"level\":\"info\"}";
        }
        msgs[total] = DONE;
        msgs[total + 1] = CLOSE;
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, msgs);
        List<GradioEvent> got = new java.util.ArrayList<>();
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        client.submit(qwen().build()).subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            java.util.concurrent.Flow.Subscription s;

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(GradioEvent item) {
                got.add(item);
                s.request(1); // re-entrant: the drain loop must absorb it, not recurse
            }

            @Override
            public void onError(Throwable t) {
                end.complete(t);
            }

            @Override
            public void onComplete() {
                end.complete(null);
            }
        });
        assertThat(end.get(20, TimeUnit.SECONDS)).isNull();
        assertThat(got).hasSize(total + 1);
        for (int i = 0; i < total; i++) {
            assertThat(((GradioEvent.Log) got.get(i)).message()).isEqualTo(String.valueOf(i));
        }
        assertThat(got.get(total)).isInstanceOf(GradioEvent.Completed.class);
    }

    @Test
    void twoConcurrentEventsShareOneSessionStream() throws Exception {
        String e1 = "aaaa";
        String e2 = "bbbb";
        CompletableFuture<Void> e2Written = new CompletableFuture<>();
        server.join = (n, body, answer) -> {
            if (n == 0) {
                answer.complete(new ScriptedServer.JoinAnswer(200, "{\"event_id\":\"" + e1 + "\"}"));
            } else {
                // Answer the second join only after its first messages went out on the stream: they must be buffered.
                e2Written.thenRun(() -> answer.complete(new ScriptedServer.JoinAnswer(200, "{\"event_id\":\"" + e2 + "\"}")));
            }
        };
        CompletableFuture<Void> secondJoined = new CompletableFuture<>();
        server.stream = (req, resp) -> {
            resp.write("data: " + ESTIMATION.replace(EV, e1) + "\n\n");
            server.vertx.setPeriodic(10, t -> {
                if (server.joins.get() == 2) {
                    server.vertx.cancelTimer(t);
                    resp.write("data: " + ESTIMATION.replace(EV, e2) + "\n\ndata: " + STARTS.replace(EV, e2) + "\n\ndata: "
                            + GEN1.replace(EV, e2) + "\n\ndata: " + HEARTBEAT + "\n\n");
                    e2Written.complete(null);
                    secondJoined.thenRun(() -> server.vertx.runOnContext(v -> {
                        resp.write("data: " + GEN1.replace(EV, e1) + "\n\ndata: " + GEN2.replace(EV, e2) + "\n\ndata: "
                                + DONE.replace(EV, e1) + "\n\ndata: " + DONE.replace(EV, e2) + "\n\n");
                        ScriptedServer.writeAll(resp, CLOSE);
                    }));
                }
            });
        };
        GradioRequest r = qwen().sessionHash("shared1").build();
        Collector c1 = new Collector();
        // taken before subscribing: the first event may be delivered before this thread would read the field
        CompletableFuture<GradioEvent> firstOfC1 = c1.nextEvent;
        client.submit(r).subscribe(c1);
        firstOfC1.get(5, TimeUnit.SECONDS);
        Collector c2 = new Collector();
        GradioCall call2 = client.submit(r);
        call2.subscribe(c2);
        call2.eventId().get(5, TimeUnit.SECONDS);
        secondJoined.complete(null);
        assertThat(c1.await()).isNull();
        assertThat(c2.await()).isNull();
        assertThat(server.streams.get()).isEqualTo(1);
        assertThat(c1.events).extracting(GradioEvent::eventId).containsOnly(e1);
        assertThat(c2.events).extracting(GradioEvent::eventId).containsOnly(e2);
        assertThat(c1.events).hasSize(3);
        assertThat(c2.events).hasSize(5);
        assertThat(c2.snapshots.get(1).get(1).at("/0/1/text").asText()).isEqualTo("Hi there");
        assertThat(server.requests("/queue/join")).allMatch(s -> s.body().contains("\"session_hash\":\"shared1\""));
    }

    @Test
    void bearerTokenAndCookiesAreSent() throws Exception {
        client.close();
        client = GradioClient.builder().vertx(HOST).bearerToken("hf_secret").build();
        server.joinsAs(EV);
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, DONE, CLOSE);
        // The join answer sets a sticky cookie, which the stream request must carry.
        server.joinCookie = "route=replica-2; Path=/; HttpOnly";
        Collector c = run(qwen().build());
        assertThat(c.await()).isNull();
        assertThat(server.requests("/config").get(0).header("authorization")).isEqualTo("Bearer hf_secret");
        assertThat(server.requests("/queue/join").get(0).header("authorization")).isEqualTo("Bearer hf_secret");
        assertThat(server.requests("/queue/data").get(0).header("authorization")).isEqualTo("Bearer hf_secret");
        assertThat(server.requests("/queue/data").get(0).header("cookie")).isEqualTo("route=replica-2");
    }

    @Test
    void singleSubscriberOnly() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, DONE, CLOSE);
        GradioCall call = client.submit(qwen().build());
        Collector a = new Collector();
        Collector b = new Collector();
        call.subscribe(a);
        call.subscribe(b);
        assertThat(b.await()).isInstanceOf(IllegalStateException.class);
        assertThat(a.await()).isNull();
    }

    @Test
    void httpProxyPerClientAndPerCallWithCredentials() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, GEN2, DONE, CLOSE);
        try (ForwardProxy proxy = new ForwardProxy()) {
            client.close();
            client = GradioClient.builder().vertx(HOST).proxy(URI.create("http://127.0.0.1:" + proxy.port())).build();
            Collector c = run(qwen().build());
            assertThat(c.await()).isNull();
            assertThat(proxy.seen).anyMatch(s -> s.contains("/config"));
            assertThat(proxy.seen).anyMatch(s -> s.contains("/queue/join"));
            assertThat(proxy.seen).anyMatch(s -> s.contains("/queue/data?session_hash="));
            assertThat(c.events).hasSize(5);

            // Per call, with credentials (Basic dXNlcjpwQHNz = user:p@ss).
            proxy.seen.clear();
            proxy.auth.clear();
            client.close();
            client = GradioClient.builder().vertx(HOST).build();
            GradioRequest r = GradioRequest.builder(server.base(), GradioEndpoint.of(3, 25, "")).data(List.of("x"))
                    .proxy(URI.create("http://user:p%40ss@127.0.0.1:" + proxy.port())).build();
            Collector c2 = run(r);
            assertThat(c2.await()).isNull();
            assertThat(proxy.seen).hasSize(2);
            assertThat(proxy.auth).containsOnly("Basic dXNlcjpwQHNz");
        }
    }

    @Test
    void hostOwnedVertxIsUsedAndNotClosed() throws Exception {
        io.vertx.core.Vertx host = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setUseDaemonThread(true));
        try {
            client.close();
            client = GradioClient.builder().vertx(host).build();
            server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, DONE, CLOSE);
            Collector c = run(qwen().build());
            assertThat(c.await()).isNull();
            client.close();
            // Still usable: the client did not close the host's Vert.x.
            assertThat(host.setTimer(1, t -> { })).isGreaterThanOrEqualTo(0);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> client.submit(qwen().build())))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            host.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void joinThatNeverAnswersHitsTheIdleTimeout() throws Exception {
        server.join = (n, body, answer) -> { };
        Collector c = run(qwen().idleTimeout(Duration.ofMillis(200)).build());
        Throwable e = c.await();
        assertThat(e).isInstanceOf(GradioTimeoutException.class);
        assertThat(((GradioTimeoutException) e).kind()).isEqualTo(GradioTimeoutException.Kind.IDLE);
    }

    @Test
    void joinAnsweredAfterTheIdleTimeoutHasItsEventCancelled() throws Exception {
        // The server created the event but its answer came after the idle limit (a loaded machine): the call has
        // failed, yet the event must not stay on the server; only the late answer names it.
        CompletableFuture<CompletableFuture<ScriptedServer.JoinAnswer>> pending = new CompletableFuture<>();
        server.join = (n, body, answer) -> pending.complete(answer);
        Collector c = run(qwen().idleTimeout(Duration.ofMillis(200)).build());
        Throwable e = c.await();
        assertThat(e).isInstanceOf(GradioTimeoutException.class);
        assertThat(((GradioTimeoutException) e).kind()).isEqualTo(GradioTimeoutException.Kind.IDLE);
        pending.get(5, TimeUnit.SECONDS).complete(new ScriptedServer.JoinAnswer(200, "{\"event_id\":\"" + EV + "\"}"));
        JsonNode cancel = M.readTree(server.cancelBody.get(5, TimeUnit.SECONDS));
        assertThat(cancel.get("event_id").asText()).isEqualTo(EV);
        assertThat(cancel.get("fn_index").asInt()).isEqualTo(3);
        assertThat(server.requests("/queue/data")).as("no stream for a failed call").isEmpty();
        assertThat(c.terminals.get()).isEqualTo(1);
    }

    @Test
    void connectTimeoutMapsToTimeoutKindConnect() {
        var e = dev.g4j.gradio.internal.Failures.transport(new io.netty.channel.ConnectTimeoutException("connection timed out after 10 ms: /10.1.2.3:80"),
                "http://10.1.2.3:80/config", Duration.ofMillis(10), Duration.ofSeconds(1));
        assertThat(e).isInstanceOf(GradioTimeoutException.class).hasMessageContaining("10.1.2.3:80");
        assertThat(((GradioTimeoutException) e).kind()).isEqualTo(GradioTimeoutException.Kind.CONNECT);
    }

    @Test
    void closingTheClientFailsRunningCalls() throws Exception {
        server.stream = (req, resp) -> resp.write("data: " + ESTIMATION + "\n\n");
        Collector c = new Collector();
        CompletableFuture<GradioEvent> first = c.nextEvent;
        client.submit(qwen().build()).subscribe(c);
        first.get(5, TimeUnit.SECONDS);
        client.close();
        assertThat(c.await()).isInstanceOf(dev.g4j.gradio.GradioException.class).hasMessageContaining("closed");
        assertThat(c.terminals.get()).isEqualTo(1);
    }

    @Test
    void crlfFramingSplitIntoTinyWritesWithMultiByteText() throws Exception {
        String gen = GEN1.replace("\"Hi\"", "\"Hé 世界 \uD83D\uDE00\"");
        String done = DONE.replace("Hi there!", "Hé 世界 \uD83D\uDE00!");
        byte[] all = ("data: " + ESTIMATION + "\r\n\r\n:keep-alive\r\ndata:" + gen + "\r\n\r\n"
                + "data: " + GEN3.replace(",[[\"append\",[0,1,\"text\"],\"!\"]],", ",[],") + "\r\n\r\n"
                + "data: " + done + "\r\n\r\ndata: " + CLOSE + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.stream = (req, resp) -> {
            int[] pos = {0};
            server.vertx.setPeriodic(1, t -> {
                int n = Math.min(5, all.length - pos[0]);
                resp.write(Buffer.buffer(java.util.Arrays.copyOfRange(all, pos[0], pos[0] + n)));
                pos[0] += n;
                if (pos[0] >= all.length) {
                    server.vertx.cancelTimer(t);
                    resp.end();
                }
            });
        };
        Collector c = run(qwen().build());
        assertThat(c.await()).isNull();
        assertThat(c.snapshots.get(0).get(1).at("/0/1/text").asText()).isEqualTo("Hé 世界 \uD83D\uDE00");
        assertThat(((GradioEvent.Completed) c.events.get(3)).outputs().get(1).at("/0/1/text").asText())
                .isEqualTo("Hé 世界 \uD83D\uDE00!");
        assertThat(((GradioEvent.Generating) c.events.get(2)).changes()).isEmpty();
    }

    @Test
    void closeStreamWhileOurEventIsPendingReopensTheStream() throws Exception {
        server.stream = (req, resp) -> {
            if (server.streams.get() == 1) {
                ScriptedServer.writeAll(resp, ESTIMATION, CLOSE);
            } else {
                ScriptedServer.writeAll(resp, STARTS, GEN1, DONE, CLOSE);
            }
        };
        Collector c = run(qwen().build());
        assertThat(c.await()).isNull();
        assertThat(server.streams.get()).isEqualTo(2);
        assertThat(c.events).hasSize(4);
    }

    @Test
    void eventsReadBeforeADropReachASlowSubscriberBeforeTheError() throws Exception {
        client.close();
        client = GradioClient.builder().vertx(HOST).maxBufferedEvents(1).idleTimeout(Duration.ofSeconds(5)).build();
        int n = 10;
        String append = GEN2.replace("\" there\"", "\"+\"");
        server.stream = (req, resp) -> {
            // One write per message, a few ms apart, so the client reads them as separate chunks; then drop.
            String[] all = new String[n + 2];
            all[0] = ESTIMATION;
            all[1] = STARTS;
            all[2] = GEN1;
            for (int i = 3; i < n + 2; i++) {
                all[i] = append;
            }
            int[] i = {0};
            server.vertx.setPeriodic(5, t -> {
                if (i[0] < all.length) {
                    resp.write("data: " + all[i[0]++] + "\n\n");
                } else {
                    server.vertx.cancelTimer(t);
                    req.connection().close();
                }
            });
        };
        Collector c = new Collector(0);
        client.submit(qwen().build()).subscribe(c);
        // The subscriber asks for nothing until the server has sent everything and closed the connection.
        server.streamClosed.get(5, TimeUnit.SECONDS);
        for (int i = 0; i < n + 2; i++) {
            CompletableFuture<GradioEvent> next = c.nextEvent;
            c.sub().request(1);
            // Before the fix the error came here, after the first two events, and the rest were lost.
            assertThat(CompletableFuture.anyOf(next, c.done).get(5, TimeUnit.SECONDS)).as("event %d", i).isNotNull();
        }
        c.sub().request(1);
        assertThat(c.await()).isInstanceOf(GradioConnectionException.class);
        assertThat(c.events).hasSize(n + 2);
        assertThat(c.events.subList(2, n + 2)).allMatch(e -> e instanceof GradioEvent.Generating);
        assertThat(c.snapshots.get(n - 1).get(1).at("/0/1/text").asText()).isEqualTo("Hi" + "+".repeat(n - 1));
        assertThat(c.terminals.get()).isEqualTo(1);
    }

    @Test
    void joinAnsweredAfterTheCallTimedOutIsCancelled() throws Exception {
        CompletableFuture<CompletableFuture<ScriptedServer.JoinAnswer>> pending = new CompletableFuture<>();
        server.join = (n, body, answer) -> pending.complete(answer);
        Collector c = run(qwen().totalTimeout(Duration.ofMillis(200)).build());
        Throwable e = c.await();
        assertThat(e).isInstanceOf(GradioTimeoutException.class);
        assertThat(((GradioTimeoutException) e).kind()).isEqualTo(GradioTimeoutException.Kind.TOTAL);
        // Only now does the server say which event it queued: the client must cancel it, not leave it running.
        pending.get(5, TimeUnit.SECONDS).complete(new ScriptedServer.JoinAnswer(200, "{\"event_id\":\"late1\"}"));
        JsonNode cancel = M.readTree(server.cancelBody.get(5, TimeUnit.SECONDS));
        assertThat(cancel.get("event_id").asText()).isEqualTo("late1");
        assertThat(cancel.get("fn_index").asInt()).isEqualTo(3);
        assertThat(cancel.get("session_hash").asText()).isEqualTo(
                M.readTree(server.requests("/queue/join").get(0).body()).get("session_hash").asText());
        assertThat(server.streams.get()).as("no event stream opened for an ended call").isZero();
        assertThat(c.terminals.get()).isEqualTo(1);
    }

    @Test
    void joinAnsweredAfterTheSubscriberCancelledIsCancelled() throws Exception {
        CompletableFuture<CompletableFuture<ScriptedServer.JoinAnswer>> pending = new CompletableFuture<>();
        server.join = (n, body, answer) -> pending.complete(answer);
        Collector c = new Collector();
        GradioCall call = client.submit(qwen().build());
        call.subscribe(c);
        CompletableFuture<ScriptedServer.JoinAnswer> answer = pending.get(5, TimeUnit.SECONDS);
        call.cancel();
        assertThat(call.eventId().handle((id, err) -> err).get(5, TimeUnit.SECONDS)).isNotNull();
        answer.complete(new ScriptedServer.JoinAnswer(200, "{\"event_id\":\"late2\"}"));
        assertThat(M.readTree(server.cancelBody.get(5, TimeUnit.SECONDS)).get("event_id").asText()).isEqualTo("late2");
        assertThat(server.streams.get()).isZero();
    }

    @Test
    void socks5ProxyWithCredentials() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, DONE, CLOSE);
        try (Socks5Proxy socks = new Socks5Proxy()) {
            GradioRequest r = GradioRequest.builder(server.base(), GradioEndpoint.of(3, 25, "")).data(List.of("x"))
                    .proxy(URI.create("socks5://alice:secret@127.0.0.1:" + socks.port())).build();
            Collector c = run(r);
            assertThat(c.await()).isNull();
            assertThat(socks.seen).isNotEmpty().allMatch(s -> s.equals("alice@127.0.0.1:" + server.port()));
        }
    }
}
