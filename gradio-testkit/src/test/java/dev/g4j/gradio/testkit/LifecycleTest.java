package dev.g4j.gradio.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final List<String> MANY = Collections.nCopies(200, "tok ");

    private GradioSimulator sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void clientDisconnectStopsTheSessionsGenerators() throws Exception {
        sim = GradioSimulator.builder().tokenDelay(Duration.ofMillis(20)).replyFunction(req -> MANY).start();
        String running = Wire.joinQwen(sim, "dc", "Hello");
        String other = Wire.joinQwen(sim, "dc", "Again");
        RawSseClient stream = Wire.stream(sim, "dc");
        String data;
        do {
            data = stream.nextData();
        } while (!data.contains("process_generating"));
        assertThat(sim.openStreams()).isEqualTo(1);
        stream.close();

        StreamClosure closure = sim.awaitDisconnect(WAIT).orElseThrow();
        assertThat(closure.sessionHash()).isEqualTo("dc");
        assertThat(closure.byClient()).isTrue();
        assertThat(closure.stoppedEventIds()).containsExactlyInAnyOrder(running, other);
        EventSummary summary = sim.awaitEvent(running, WAIT).orElseThrow();
        assertThat(summary.outcome()).isEqualTo(EventOutcome.STOPPED_BY_DISCONNECT);
        assertThat(summary.tokensYielded()).isLessThan(MANY.size());
        assertThat(sim.openStreams()).isZero();
        assertThat(sim.streamsClosedByClient()).containsExactly(closure);

        // the session's buffer was deleted with the cancellation
        try (RawSseClient again = Wire.stream(sim, "dc")) {
            assertThat(again.nextData()).contains("404: Session not found.");
        }
    }

    @Test
    void cancelStopsAnEventAndCompletesItWithAnEmptyOutput() throws Exception {
        sim = GradioSimulator.builder().tokenDelay(Duration.ofMillis(20)).replyFunction(req -> MANY).start();
        String id = Wire.joinQwen(sim, "cx", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "cx")) {
            String data;
            do {
                data = stream.nextData();
            } while (!data.contains("process_generating"));
            HttpResponse<String> cancel = Wire.post(sim.apiUrl("/cancel"),
                    "{\"session_hash\":\"cx\",\"fn_index\":3,\"event_id\":\"" + id + "\"}");
            assertThat(cancel.statusCode()).isEqualTo(200);
            assertThat(cancel.body()).isEqualTo("{\"success\":true}");
            List<String> rest = new ArrayList<>();
            for (String d = stream.nextData(); d != null; d = stream.nextData()) {
                rest.add(d);
            }
            assertThat(rest.subList(rest.size() - 2, rest.size())).containsExactly(
                    "{\"msg\":\"process_completed\",\"event_id\":\"" + id + "\",\"output\":{},\"success\":true}",
                    "{\"msg\":\"close_stream\",\"event_id\":null}");
            assertThat(stream.endedCleanly).isTrue();
        }
        assertThat(sim.awaitEvent(id, WAIT).orElseThrow().outcome()).isEqualTo(EventOutcome.CANCELLED);
        assertThat(Wire.post(sim.apiUrl("/cancel"), "{\"session_hash\":\"cx\"}").statusCode()).isEqualTo(422);
        assertThat(Wire.post(sim.apiUrl("/reset"), "{\"event_id\":\"" + id + "\"}").body())
                .isEqualTo("{\"success\":true}");
    }

    @Test
    void cancellingAQueuedEventCompletesIt() throws Exception {
        sim = GradioSimulator.builder().start();
        sim.nextFaults(Fault.heartbeatsOnly());
        String id = Wire.joinQwen(sim, "cq", "Hello");
        Wire.post(sim.apiUrl("/cancel"), "{\"session_hash\":\"cq\",\"fn_index\":3,\"event_id\":\"" + id + "\"}");
        try (RawSseClient stream = Wire.stream(sim, "cq")) {
            assertThat(stream.nextData()).contains("\"msg\":\"estimation\"");
            assertThat(stream.nextData()).endsWith("\"output\":{},\"success\":true}");
            assertThat(stream.nextData()).contains("close_stream");
        }
    }

    @Test
    void heartbeatsFlowWhileTheEventNeverStarts() throws Exception {
        sim = GradioSimulator.builder().heartbeatInterval(Duration.ofMillis(30))
                .faults(Fault.heartbeatsOnly()).start();
        Wire.joinQwen(sim, "hb", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "hb")) {
            assertThat(stream.nextData()).contains("\"msg\":\"estimation\"");
            for (int i = 0; i < 3; i++) {
                assertThat(stream.nextData()).isEqualTo("{\"msg\":\"heartbeat\",\"event_id\":null}");
            }
        }
        assertThat(sim.awaitDisconnect(WAIT)).isPresent();
    }

    @Test
    void reopeningAfterCloseStreamOnlyGetsHeartbeats() throws Exception {
        sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).heartbeatInterval(Duration.ofMillis(30)).start();
        Wire.joinQwen(sim, "re", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "re")) {
            stream.readToEnd();
            assertThat(stream.endedCleanly).isTrue();
        }
        try (RawSseClient stream = Wire.stream(sim, "re")) {
            assertThat(stream.nextData()).isEqualTo("{\"msg\":\"heartbeat\",\"event_id\":null}");
        }
    }
}
