package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final List<String> HI = List.of("Hi", " there", "!");

    private GradioSimulator sim;

    private GradioSimulator start() {
        sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).replyFunction(req -> HI).start();
        return sim;
    }

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    private static List<String> readAll(RawSseClient stream) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String data = stream.nextData(); data != null; data = stream.nextData()) {
            lines.add(data);
        }
        return lines;
    }

    private static List<String> msgs(List<String> lines) {
        return lines.stream().map(l -> Wire.json(l).get("msg").asText()).toList();
    }

    @Test
    void failAfterTwoTokensWithAPlainException() throws Exception {
        start().nextFaults(Fault.failAfter(2));
        String id = Wire.joinQwen(sim, "f1", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "f1")) {
            List<String> lines = readAll(stream);
            assertThat(msgs(lines)).containsExactly("estimation", "process_starts", "process_generating",
                    "process_generating", "process_completed", "close_stream");
            assertThat(lines.get(4)).isEqualTo("{\"msg\":\"process_completed\",\"event_id\":\"" + id
                    + "\",\"output\":{\"error\":null},\"success\":false}");
        }
        assertThat(sim.awaitEvent(id, WAIT).orElseThrow().tokensYielded()).isEqualTo(2);
    }

    @Test
    void failWithAGradioErrorMessage() throws Exception {
        start().nextFaults(Fault.failAfter(0, "Model busy"));
        Wire.joinQwen(sim, "f2", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "f2")) {
            List<String> lines = readAll(stream);
            assertThat(lines.get(2)).endsWith(
                    "\"output\":{\"error\":\"Model busy\",\"duration\":10,\"visible\":true},\"success\":false}");
        }
    }

    @Test
    void joinRefusals() throws Exception {
        start().nextFaults(Fault.queueFull());
        sim.nextFaults(Fault.joinInternalError());
        String body = "{\"data\":[\"Hi\",[],\"s\",\"72B\"],\"fn_index\":3,\"session_hash\":\"full\"}";
        HttpResponse<String> full = Wire.post(sim.apiUrl("/queue/join"), body);
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.body()).isEqualTo("{\"detail\":\"Queue is full. Max size is 1 and size is 1.\"}");
        HttpResponse<String> broken = Wire.post(sim.apiUrl("/queue/join"), body);
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).isEqualTo("Internal Server Error");
        try (RawSseClient stream = Wire.stream(sim, "full")) {
            assertThat(stream.nextData()).contains("404: Session not found.");
        }
        assertThat(Wire.post(sim.apiUrl("/queue/join"), body).statusCode()).isEqualTo(200);
    }

    @Test
    void droppedConnectionCutsTheChunkedBody() throws Exception {
        start().nextFaults(Fault.dropAfter(1));
        String id = Wire.joinQwen(sim, "drop", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "drop")) {
            List<String> lines = readAll(stream);
            assertThat(msgs(lines)).containsExactly("estimation", "process_starts", "process_generating");
            assertThat(stream.cutOff).isTrue();
            assertThat(stream.endedCleanly).isFalse();
        }
        assertThat(sim.awaitEvent(id, WAIT).orElseThrow().outcome()).isEqualTo(EventOutcome.STOPPED_BY_DISCONNECT);
        assertThat(sim.streamClosures()).singleElement().satisfies(c -> assertThat(c.byClient()).isFalse());
        assertThat(sim.streamsClosedByClient()).isEmpty();
    }

    @Test
    void stallSendsNothingNotEvenHeartbeats() throws Exception {
        sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).replyFunction(req -> HI)
                .heartbeatInterval(Duration.ofMillis(20)).start();
        sim.nextFaults(Fault.stallAfter(1));
        String id = Wire.joinQwen(sim, "stall", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "stall")) {
            assertThat(msgs(List.of(stream.nextData(), stream.nextData(), stream.nextData())))
                    .containsExactly("estimation", "process_starts", "process_generating");
            assertThat(stream.silentFor(300)).isTrue();
        }
        assertThat(sim.awaitDisconnect(WAIT).orElseThrow().stoppedEventIds()).containsExactly(id);
        assertThat(sim.awaitEvent(id, WAIT).orElseThrow().tokensYielded()).isEqualTo(1);
    }

    @Test
    void lineEndingsCrlfAndCr() throws Exception {
        start().nextFaults(Fault.lineEndings(LineEnding.CRLF));
        Wire.joinQwen(sim, "crlf", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "crlf")) {
            String body = stream.readToEnd();
            assertThat(body).startsWith("data: {\"msg\":\"estimation\"").contains("}\r\n\r\ndata: ")
                    .endsWith("data: {\"msg\":\"close_stream\",\"event_id\":null}\r\n\r\n");
            assertThat(body.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        }
        sim.nextFaults(Fault.lineEndings(LineEnding.CR));
        Wire.joinQwen(sim, "cr", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "cr")) {
            String body = stream.readToEnd();
            assertThat(body).doesNotContain("\n").contains("}\r\rdata: ").endsWith("null}\r\r");
            assertThat(body.split("\r\r")).hasSize(7);
        }
    }

    @Test
    void splitWritesSendEveryByteAlone() throws Exception {
        start().nextFaults(Fault.splitWrites());
        Wire.joinQwen(sim, "split", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "split")) {
            List<String> lines = readAll(stream);
            assertThat(msgs(lines)).hasSize(7).endsWith("close_stream");
            assertThat(stream.chunkSizes).hasSizeGreaterThan(500).allMatch(size -> size == 1);
            assertThat(stream.endedCleanly).isTrue();
        }
    }

    @Test
    void queuedEventCountsDownRanksBeforeStarting() throws Exception {
        start().nextFaults(Fault.queued(2, Duration.ofMillis(10)));
        Wire.joinQwen(sim, "q", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "q")) {
            List<String> lines = readAll(stream);
            assertThat(msgs(lines).subList(0, 4))
                    .containsExactly("estimation", "estimation", "estimation", "process_starts");
            for (int i = 0; i < 3; i++) {
                JsonNode estimation = Wire.json(lines.get(i));
                assertThat(estimation.get("rank").asInt()).isEqualTo(2 - i);
                assertThat(estimation.get("queue_size").asInt()).isEqualTo(3 - i);
                assertThat(estimation.get("rank_eta").asDouble()).isCloseTo(0.01 * (3 - i), within());
            }
            assertThat(msgs(lines)).endsWith("process_completed", "close_stream");
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void oversizedEventCarriesAHugeText() throws Exception {
        start().nextFaults(Fault.oversized(1, 2 * 1024 * 1024));
        Wire.joinQwen(sim, "big", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "big")) {
            List<String> lines = readAll(stream);
            JsonNode edit = Wire.json(lines.get(3)).at("/output/data/1/0");
            assertThat(edit.get(0).asText()).isEqualTo("append");
            assertThat(edit.get(2).asText()).hasSize(2 * 1024 * 1024);
            assertThat(Wire.json(lines.get(lines.size() - 2)).at("/output/data/1/0/1/text").asText())
                    .hasSize(2 * 1024 * 1024 + "Hi there!".length());
        }
    }

    @Test
    void malformedLineInTheMiddleOfTheStream() throws Exception {
        start().nextFaults(Fault.malformedLine(1));
        Wire.joinQwen(sim, "bad", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "bad")) {
            List<String> lines = readAll(stream);
            assertThat(lines).hasSize(8);
            assertThatThrownBy(() -> Wire.json(lines.get(3))).isInstanceOf(AssertionError.class);
            assertThat(lines.get(3)).startsWith("{\"msg\":\"process_generating\"");
            assertThat(Wire.json(lines.get(7)).get("msg").asText()).isEqualTo("close_stream");
        }
    }

    @Test
    void duplicateLastChunkSendsAnAllEmptyEditList() throws Exception {
        start().nextFaults(Fault.duplicateLastChunk());
        Wire.joinQwen(sim, "dup", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "dup")) {
            List<String> lines = readAll(stream);
            assertThat(msgs(lines)).containsExactly("estimation", "process_starts", "process_generating",
                    "process_generating", "process_generating", "process_generating", "process_completed",
                    "close_stream");
            assertThat(Json.write(Wire.json(lines.get(5)).at("/output/data"))).isEqualTo("[[],[],[]]");
        }
    }

    @Test
    void serverStopFloodRepeatsUntilTheClientLeaves() throws Exception {
        start().nextFaults(Fault.serverStopFlood(1));
        String id = Wire.joinQwen(sim, "stop", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "stop")) {
            for (int i = 0; i < 3; i++) {
                stream.nextData();
            }
            for (int i = 0; i < 3; i++) {
                assertThat(stream.nextData()).isEqualTo("{\"msg\":\"unexpected_error\",\"event_id\":null,"
                        + "\"message\":\"Server stopped unexpectedly.\",\"success\":false}");
            }
        }
        assertThat(sim.awaitDisconnect(WAIT).orElseThrow().stoppedEventIds()).containsExactly(id);
    }

    @Test
    void sessionNotFoundAfterASuccessfulJoin() throws Exception {
        start().nextFaults(Fault.sessionNotFound());
        String id = Wire.joinQwen(sim, "lost", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "lost")) {
            assertThat(stream.nextData()).isEqualTo("{\"msg\":\"unexpected_error\",\"event_id\":null,"
                    + "\"message\":\"404: Session not found.\",\"success\":false}");
            assertThat(stream.nextData()).isNull();
            assertThat(stream.cutOff).isTrue();
        }
        assertThat(sim.awaitEvent(id, WAIT).orElseThrow().outcome()).isEqualTo(EventOutcome.DISCARDED);
    }

    @Test
    void faultsCombineAndSelectorsChoosePerJoin() throws Exception {
        sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).replyFunction(req -> HI)
                .faults(Fault.lineEndings(LineEnding.CRLF)).start();
        sim.faultSelector(join -> join.sequence() % 2 == 0 ? FaultPlan.of(Fault.failAfter(1)) : FaultPlan.none());
        Wire.joinQwen(sim, "sel1", "Hello");
        Wire.joinQwen(sim, "sel2", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "sel1")) {
            String body = stream.readToEnd();
            assertThat(body).contains("\"success\":true}\r\n\r\n").doesNotContain("\"success\":false");
        }
        try (RawSseClient stream = Wire.stream(sim, "sel2")) {
            String body = stream.readToEnd();
            assertThat(body).contains("\"output\":{\"error\":null},\"success\":false}\r\n\r\n");
        }
    }

    @Test
    void faultArgumentsAreChecked() {
        assertThatThrownBy(() -> Fault.failAfter(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault.RefuseJoin(404)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FaultPlan.of(Fault.stallAfter(2), Fault.splitWrites()).find(Fault.Stall.class))
                .hasValue(new Fault.Stall(2));
    }
}
