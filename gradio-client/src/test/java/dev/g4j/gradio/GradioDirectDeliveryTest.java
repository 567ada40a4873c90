package dev.g4j.gradio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.g4j.gradio.GradioClientTest.CLOSE;
import static dev.g4j.gradio.GradioClientTest.CONFIG;
import static dev.g4j.gradio.GradioClientTest.DONE;
import static dev.g4j.gradio.GradioClientTest.ESTIMATION;
import static dev.g4j.gradio.GradioClientTest.EV;
import static dev.g4j.gradio.GradioClientTest.GEN1;
import static dev.g4j.gradio.GradioClientTest.GEN2;
import static dev.g4j.gradio.GradioClientTest.GEN3;
import static dev.g4j.gradio.GradioClientTest.HOST;
import static dev.g4j.gradio.GradioClientTest.STARTS;
import static dev.g4j.gradio.GradioClientTest.SYS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message that arrives while nothing waits and the subscriber has demand is delivered at once, without the
 * call's queue; these tests pin the Reactive Streams rules on that path and its switches to and from the queue.
 */
class GradioDirectDeliveryTest {
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

    GradioRequest request() throws Exception {
        GradioEndpoint ep = client.config(server.base()).get(5, TimeUnit.SECONDS).requireEndpoint("model_chat");
        return GradioRequest.builder(server.base(), ep).data(List.of("Hello", List.of(), SYS, "72B")).build();
    }

    /** Records signals with the text the live view held at each delivery, running an action inside onNext. */
    abstract static class Probe implements Flow.Subscriber<GradioEvent> {
        final List<String> log = new CopyOnWriteArrayList<>();
        final CompletableFuture<Throwable> end = new CompletableFuture<>();
        final AtomicInteger terminals = new AtomicInteger();
        final AtomicInteger depth = new AtomicInteger();
        Flow.Subscription sub;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            sub = s;
            s.request(1);
        }

        @Override
        public void onNext(GradioEvent item) {
            if (depth.incrementAndGet() > 1) {
                log.add("re-entered");
            }
            String text = item instanceof GradioEvent.Generating g ? g.outputs().get(1).at("/0/1/text").asText() : "";
            log.add(item.getClass().getSimpleName() + (text.isEmpty() ? "" : " " + text));
            handle(item);
            depth.decrementAndGet();
        }

        abstract void handle(GradioEvent item);

        @Override
        public void onError(Throwable t) {
            terminals.incrementAndGet();
            end.complete(t);
        }

        @Override
        public void onComplete() {
            terminals.incrementAndGet();
            end.complete(null);
        }
    }

    @Test
    void requestOneInsideEachOnNextDeliversEveryMessageInOrderWithItsOwnView() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, GEN2, GEN3, DONE, CLOSE);
        Probe p = new Probe() {
            @Override
            void handle(GradioEvent item) {
                sub.request(1);
            }
        };
        client.submit(request()).subscribe(p);
        assertThat(p.end.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(p.log).containsExactly("Queued", "Started", "Generating Hi", "Generating Hi there", "Generating Hi there!",
                "Completed");
        assertThat(p.terminals.get()).isEqualTo(1);
    }

    @Test
    void cancelInsideOnNextStopsDeliveryWithoutATerminalSignal() throws Exception {
        server.stream = (req, resp) -> ScriptedServer.write(resp, ESTIMATION, STARTS, GEN1, GEN2, GEN3); // left open
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        Probe p = new Probe() {
            @Override
            void handle(GradioEvent item) {
                if (item instanceof GradioEvent.Generating) {
                    sub.cancel();
                    cancelled.complete(null);
                } else {
                    sub.request(1);
                }
            }
        };
        client.submit(request()).subscribe(p);
        cancelled.get(10, TimeUnit.SECONDS);
        // the cancel posts /cancel and closes the stream: every later message is dropped
        assertThat(server.cancelBody.get(5, TimeUnit.SECONDS)).contains(EV);
        server.streamClosed.get(5, TimeUnit.SECONDS);
        p.sub.request(5);
        assertThat(p.log).containsExactly("Queued", "Started", "Generating Hi");
        assertThat(p.terminals.get()).isZero();
    }

    @Test
    void demandExhaustedMidStreamThenResumedLosesAndReordersNothing() throws Exception {
        CompletableFuture<Void> allWritten = new CompletableFuture<>();
        server.stream = (req, resp) -> {
            ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, GEN2, GEN3, DONE, CLOSE);
            allWritten.complete(null);
        };
        CompletableFuture<Void> third = new CompletableFuture<>();
        List<Integer> seen = new ArrayList<>();
        Probe p = new Probe() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                sub = s;
                s.request(3);
            }

            @Override
            void handle(GradioEvent item) {
                seen.add(seen.size());
                if (seen.size() == 3) {
                    third.complete(null);
                }
            }
        };
        client.submit(request()).subscribe(p);
        third.get(10, TimeUnit.SECONDS);
        allWritten.get(5, TimeUnit.SECONDS);
        assertThat(p.log).containsExactly("Queued", "Started", "Generating Hi");
        p.sub.request(1);
        p.sub.request(10);
        assertThat(p.end.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(p.log).containsExactly("Queued", "Started", "Generating Hi", "Generating Hi there", "Generating Hi there!",
                "Completed");
        assertThat(p.terminals.get()).isEqualTo(1);
    }

    @Test
    void aFailureAfterDeliveredTextIsTheOneTerminalSignal() throws Exception {
        // the stream ends without the event's completion: a connection failure
        server.stream = (req, resp) -> ScriptedServer.writeAll(resp, ESTIMATION, STARTS, GEN1, GEN2);
        Probe p = new Probe() {
            @Override
            void handle(GradioEvent item) {
                sub.request(1);
            }
        };
        client.submit(request()).subscribe(p);
        assertThat(p.end.get(10, TimeUnit.SECONDS)).isInstanceOf(GradioConnectionException.class);
        assertThat(p.log).containsExactly("Queued", "Started", "Generating Hi", "Generating Hi there");
        assertThat(p.terminals.get()).isEqualTo(1);
    }
}
