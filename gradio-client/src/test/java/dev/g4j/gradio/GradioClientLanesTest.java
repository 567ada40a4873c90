package dev.g4j.gradio;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.g4j.gradio.GradioClientTest.CLOSE;
import static dev.g4j.gradio.GradioClientTest.DONE;
import static dev.g4j.gradio.GradioClientTest.ESTIMATION;
import static dev.g4j.gradio.GradioClientTest.GEN1;
import static dev.g4j.gradio.GradioClientTest.GEN2;
import static dev.g4j.gradio.GradioClientTest.GEN3;
import static dev.g4j.gradio.GradioClientTest.STARTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Sessions spread over the client's event loops, whoever starts them, and each is read on one loop. */
class GradioClientLanesTest {
    ScriptedServer server;
    GradioClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new ScriptedServer();
        server.config = null;
        server.joinsAs(GradioClientTest.EV);
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, GEN2, GEN3, DONE, CLOSE);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    GradioRequest request() {
        return GradioRequest.builder(server.base(), GradioEndpoint.of(3, null, "")).data(List.of("x")).build();
    }

    @Test
    void callsFromAPlainThreadSpreadOverTheEventLoopsAndEachStaysOnOne() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one lane per processor: needs two");
        client = GradioClient.builder().idleTimeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofSeconds(20)).build();
        List<ThreadRecorder> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ThreadRecorder r = new ThreadRecorder();
            client.submit(request()).subscribe(r);
            calls.add(r);
        }
        Set<String> all = new HashSet<>();
        for (ThreadRecorder r : calls) {
            assertThat(r.done.get(10, TimeUnit.SECONDS)).isEqualTo(6);
            assertThat(r.threads).as("every signal of a call on one event loop").hasSize(1);
            all.addAll(r.threads);
        }
        assertThat(all).as("the client's two event loops both carry sessions").hasSize(2);
        assertThat(server.streams.get()).isEqualTo(8);
    }

    @Test
    void callsStartedFromAnEventLoopSpreadToo() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one lane per processor: needs two");
        Vertx host = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(2));
        try {
            client = GradioClient.builder().vertx(host).idleTimeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofSeconds(20)).build();
            // a provider that goes on from an answer it got (a config, an earlier call) calls from one of the loops
            Context context = host.getOrCreateContext();
            List<ThreadRecorder> calls = new ArrayList<>();
            CompletableFuture<Void> submitted = new CompletableFuture<>();
            context.runOnContext(v -> {
                for (int i = 0; i < 8; i++) {
                    ThreadRecorder r = new ThreadRecorder();
                    client.submit(request()).subscribe(r);
                    calls.add(r);
                }
                submitted.complete(null);
            });
            submitted.get(10, TimeUnit.SECONDS);
            Set<String> all = new HashSet<>();
            for (ThreadRecorder r : calls) {
                assertThat(r.done.get(10, TimeUnit.SECONDS)).isEqualTo(6);
                assertThat(r.threads).hasSize(1);
                all.addAll(r.threads);
            }
            assertThat(all).as("not all on the caller's loop").hasSize(2);
        } finally {
            client.close();
            client = null;
            host.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theConnectionLimitPerHostHoldsAcrossTheEventLoops() throws Exception {
        client = GradioClient.builder().maxConnectionsPerHost(2).idleTimeout(Duration.ofSeconds(5))
                .totalTimeout(Duration.ofSeconds(20)).build();
        // an open stream holds its connection; a stream is "held" from its request until the test ends it
        AtomicInteger held = new AtomicInteger();
        List<Integer> heldWhenOpened = new CopyOnWriteArrayList<>();
        BlockingQueue<HttpServerResponse> open = new LinkedBlockingQueue<>();
        server.stream = (req, resp) -> {
            heldWhenOpened.add(held.incrementAndGet());
            resp.write("data: " + ESTIMATION + "\n\n");
            open.add(resp);
        };
        List<ThreadRecorder> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ThreadRecorder r = new ThreadRecorder();
            client.submit(request()).subscribe(r);
            calls.add(r);
        }
        List<HttpServerResponse> first = List.of(open.poll(10, TimeUnit.SECONDS), open.poll(10, TimeUnit.SECONDS));
        assertThat(first).doesNotContainNull();
        for (HttpServerResponse resp : first) {
            end(resp, held);
        }
        for (int i = 0; i < 2; i++) {
            HttpServerResponse resp = open.poll(10, TimeUnit.SECONDS);
            assertThat(resp).isNotNull();
            end(resp, held);
        }
        for (ThreadRecorder r : calls) {
            assertThat(r.done.get(10, TimeUnit.SECONDS)).isEqualTo(4);
        }
        assertThat(heldWhenOpened).as("streams held at once, seen as each opened: the two loops share the limit of two")
                .hasSize(4).allMatch(n -> n <= 2);
    }

    private void end(HttpServerResponse resp, AtomicInteger held) {
        held.decrementAndGet();
        server.vertx.runOnContext(v -> ScriptedServer.writeAll(resp, STARTS, GEN1, DONE, CLOSE));
    }

    /** Counts events and records the threads they arrive on. */
    static final class ThreadRecorder implements Flow.Subscriber<GradioEvent> {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final CompletableFuture<Integer> done = new CompletableFuture<>();
        private int events;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(GradioEvent item) {
            threads.add(Thread.currentThread().getName());
            events++;
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            threads.add(Thread.currentThread().getName());
            done.complete(events);
        }
    }
}
