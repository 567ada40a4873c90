package dev.g4j.gradio;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.g4j.gradio.GradioClientTest.CLOSE;
import static dev.g4j.gradio.GradioClientTest.DONE;
import static dev.g4j.gradio.GradioClientTest.ESTIMATION;
import static dev.g4j.gradio.GradioClientTest.GEN1;
import static dev.g4j.gradio.GradioClientTest.STARTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session whose events all finished lets the server end its stream, so the connection is reused (the official
 * client waits for {@code close_stream} too); a server that does not end it gets the connection closed.
 */
class GradioClientStreamEndTest {
    Vertx vertx;
    ScriptedServer server;
    GradioClient client;

    @BeforeEach
    void setUp() throws Exception {
        // one event loop, so every session uses the same connection pool
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        server = new ScriptedServer();
        server.config = null;
        server.joinsAs(GradioClientTest.EV);
        client = GradioClient.builder().vertx(vertx).idleTimeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofSeconds(20)).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    GradioRequest request() {
        return GradioRequest.builder(server.base(), GradioEndpoint.of(3, null, "")).data(List.of("x")).build();
    }

    void callAndWait() throws Exception {
        Collector c = new Collector();
        client.submit(request()).subscribe(c);
        c.done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void callsOneAfterTheOtherReuseTheConnectionOfTheFinishedStream() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, DONE, CLOSE);
        for (int i = 0; i < 4; i++) {
            callAndWait();
        }
        assertThat(server.streams.get()).isEqualTo(4);
        // closing each stream as its event completes would cost a new connection per call: five or more
        assertThat(server.connections.get()).as("TCP connections for 4 joins and 4 streams").isLessThanOrEqualTo(2);
    }

    @Test
    void theStreamOfAHashTheCallerChoseIsClosedBeforeItsNextCallStreams() throws Exception {
        // left open, the old stream could take the messages of the caller's next call with the same hash (two
        // different hashes here: a call started while the first one's session is still held would join that session)
        assertTheFirstStreamIsClosedBeforeTheSecondOpens(shared("hashone0001a"), shared("hashtwo0002b"));
    }

    @Test
    void beforeSseV3TheClientClosesTheStreamItself() throws Exception {
        // Gradio 4.17 to 4.21 never end the stream after the last event: waiting for it would only hold the connection
        GradioRequest request = GradioRequest.builder(server.base(), new GradioEndpoint(3, null, "", "sse_v2.1", null))
                .data(List.of("x")).build();
        assertTheFirstStreamIsClosedBeforeTheSecondOpens(request, request);
    }

    GradioRequest shared(String hash) {
        return GradioRequest.builder(server.base(), GradioEndpoint.of(3, null, "")).data(List.of("x")).sessionHash(hash).build();
    }

    /** Two calls one after the other; the first one's stream stays open on the server after its last event. */
    void assertTheFirstStreamIsClosedBeforeTheSecondOpens(GradioRequest first, GradioRequest second) throws Exception {
        java.util.concurrent.CompletableFuture<Boolean> firstClosedBeforeSecond = new java.util.concurrent.CompletableFuture<>();
        server.stream = (req, resp) -> {
            if (server.streams.get() == 1) {
                ScriptedServer.write(resp, ESTIMATION, STARTS, GEN1, DONE);
            } else {
                firstClosedBeforeSecond.complete(server.streamClosed.isDone());
                ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, DONE, CLOSE);
            }
        };
        for (GradioRequest request : List.of(first, second)) {
            Collector c = new Collector();
            client.submit(request).subscribe(c);
            c.done.get(10, TimeUnit.SECONDS);
        }
        assertThat(firstClosedBeforeSecond.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStreamTheServerDoesNotEndAfterTheLastEventIsClosedAfterAMoment() throws Exception {
        server.stream = (req, resp) -> {
            ScriptedServer.write(resp, ESTIMATION, STARTS, GEN1, DONE);
            // no close_stream and no end: the connection stays busy until the client gives up on it
        };
        callAndWait();
        server.streamClosed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aStreamThatKeepsSendingAfterTheLastEventIsClosed() throws Exception {
        server.stream = (req, resp) -> {
            ScriptedServer.write(resp, ESTIMATION, STARTS, GEN1, DONE);
            // endless heartbeats, as fast as the socket takes them
            Buffer beats = Buffer.buffer("data: {\"msg\":\"heartbeat\"}\n\n".repeat(1000));
            Runnable[] more = new Runnable[1];
            more[0] = () -> {
                if (!resp.closed()) {
                    resp.write(beats).onSuccess(v -> more[0].run());
                }
            };
            more[0].run();
        };
        callAndWait();
        server.streamClosed.get(10, TimeUnit.SECONDS);
    }
}
