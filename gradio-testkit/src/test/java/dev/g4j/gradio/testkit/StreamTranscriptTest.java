package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.g4j.gradio.testkit.Wire.SYSTEM;
import static dev.g4j.gradio.testkit.Wire.mgr;
import static dev.g4j.gradio.testkit.Wire.normalize;
import static org.assertj.core.api.Assertions.assertThat;

class StreamTranscriptTest {

    private GradioSimulator sim;

    private GradioSimulator start(GradioSimulator.Builder builder) {
        sim = builder.start();
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

    @Test
    void normalReplyMatchesTheSection12Transcript() throws Exception {
        start(GradioSimulator.builder().tokenDelay(Duration.ZERO)
                .replyFunction(req -> List.of("Hi", " there", "!")));
        String eventId = Wire.joinQwen(sim, "k3j9x0q2ma", "Hello");
        assertThat(eventId).matches("[0-9a-f]{32}");
        try (RawSseClient stream = Wire.stream(sim, "k3j9x0q2ma")) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.headers.get("content-type")).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(stream.headers.get("transfer-encoding")).isEqualTo("chunked");
            List<String> lines = readAll(stream);
            String sys = Wire.MAPPER.writeValueAsString(SYSTEM);
            String tail = ",\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";
            assertThat(lines).extracting(Wire::normalize).containsExactly(
                    "{\"msg\":\"estimation\",\"event_id\":\"E\",\"rank\":0,\"queue_size\":1,\"rank_eta\":null}",
                    "{\"msg\":\"process_starts\",\"event_id\":\"E\",\"eta\":null}",
                    "{\"msg\":\"process_generating\",\"event_id\":\"E\",\"output\":{\"data\":[\"\",[[" + mgr("Hello")
                            + "," + mgr("Hi") + "]]," + sys + "],\"is_generating\":true,\"duration\":D,"
                            + "\"average_duration\":A" + tail,
                    "{\"msg\":\"process_generating\",\"event_id\":\"E\",\"output\":{\"data\":[[],[[\"append\",[0,1,"
                            + "\"text\"],\" there\"]],[]],\"is_generating\":true,\"duration\":D,\"average_duration\":A"
                            + tail,
                    "{\"msg\":\"process_generating\",\"event_id\":\"E\",\"output\":{\"data\":[[],[[\"append\",[0,1,"
                            + "\"text\"],\"!\"]],[]],\"is_generating\":true,\"duration\":D,\"average_duration\":A" + tail,
                    "{\"msg\":\"process_completed\",\"event_id\":\"E\",\"output\":{\"data\":[\"\",[[" + mgr("Hello")
                            + "," + mgr("Hi there!") + "]]," + sys + "],\"is_generating\":false,\"duration\":D,"
                            + "\"average_duration\":A" + tail,
                    "{\"msg\":\"close_stream\",\"event_id\":null}");
            assertThat(lines.subList(0, 6)).allSatisfy(l -> assertThat(l).contains(eventId));
            assertThat(stream.endedCleanly).isTrue();
        }
        assertThat(sim.awaitEvent(eventId, Duration.ofSeconds(5)).orElseThrow().outcome())
                .isEqualTo(EventOutcome.COMPLETED);
        assertThat(sim.openStreams()).isZero();
    }

    @Test
    void secondRunReportsEtasFromTheFirst() throws Exception {
        start(GradioSimulator.builder().tokenDelay(Duration.ZERO));
        for (String session : List.of("s1", "s2")) {
            Wire.joinQwen(sim, session, "Hello");
            try (RawSseClient stream = Wire.stream(sim, session)) {
                List<String> lines = readAll(stream);
                JsonNode estimation = Wire.json(lines.get(0));
                JsonNode starts = Wire.json(lines.get(1));
                if (session.equals("s1")) {
                    assertThat(estimation.get("rank_eta").isNull()).isTrue();
                } else {
                    assertThat(estimation.get("rank_eta").isDouble()).isTrue();
                    assertThat(starts.get("eta").isDouble()).isTrue();
                }
            }
        }
    }

    @Test
    void historyIsNormalisedAndEditsTargetTheNewPair() throws Exception {
        start(GradioSimulator.builder().tokenDelay(Duration.ZERO)
                .replyFunction(req -> List.of("Why", " did", " the")));
        String history = "[[" + mgr("Hello").replace("\"id\":null", "\"id\":\"x\",\"extra\":1") + ","
                + "{\"text\":\"Hi there!\"}]]";
        List<ChatRequest> seen = new ArrayList<>();
        sim.close();
        sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).replyFunction(req -> {
            seen.add(req);
            return List.of("Why", " did", " the");
        }).start();
        Wire.joinQwen(sim, "h1", "Tell me a joke", history, "Coder-7B");
        try (RawSseClient stream = Wire.stream(sim, "h1")) {
            List<String> lines = readAll(stream);
            JsonNode first = Wire.json(lines.get(2)).get("output").get("data");
            assertThat(Json.write(first.get(1))).isEqualTo("[[" + mgr("Hello") + "," + mgr("Hi there!") + "],["
                    + mgr("Tell me a joke") + "," + mgr("Why") + "]]");
            assertThat(Json.write(Wire.json(lines.get(3)).get("output").get("data")))
                    .isEqualTo("[[],[[\"append\",[1,1,\"text\"],\" did\"]],[]]");
            JsonNode completed = Wire.json(lines.get(5)).get("output").get("data").get(1);
            assertThat(completed).hasSize(2);
            assertThat(completed.get(1).get(1).get("text").asText()).isEqualTo("Why did the");
        }
        assertThat(seen).singleElement().satisfies(req -> {
            assertThat(req.prompt()).isEqualTo("Tell me a joke");
            assertThat(req.history()).containsExactly(new HistoryPair("Hello", "Hi there!"));
            assertThat(req.system()).isEqualTo(SYSTEM);
            assertThat(req.model()).isEqualTo("Coder-7B");
        });
    }

    @Test
    void plainStringHistoryAndNullHistoryAreAccepted() throws Exception {
        List<ChatRequest> seen = new ArrayList<>();
        start(GradioSimulator.builder().tokenDelay(Duration.ZERO).replyFunction(req -> {
            seen.add(req);
            return List.of("ok");
        }));
        Wire.joinQwen(sim, "p1", "again", "[[\"Hello\",\"Hi there!\"]]", "7B");
        Wire.joinQwen(sim, "p1", "new", "null", "0.5B");
        try (RawSseClient stream = Wire.stream(sim, "p1")) {
            List<String> lines = readAll(stream);
            assertThat(lines).filteredOn(l -> l.contains("process_completed"))
                    .allSatisfy(l -> assertThat(Wire.json(l).get("success").asBoolean()).isTrue()).hasSize(2);
        }
        assertThat(seen).extracting(ChatRequest::history)
                .containsExactlyInAnyOrder(List.of(new HistoryPair("Hello", "Hi there!")), List.of());
    }

    @Test
    void cleandocChangingTheIndentationProducesAReplace() throws Exception {
        start(GradioSimulator.builder().tokenDelay(Duration.ZERO)
                .replyFunction(req -> List.of("Here:", "\n  x = 1", "\n y")));
        Wire.joinQwen(sim, "c1", "code");
        try (RawSseClient stream = Wire.stream(sim, "c1")) {
            List<String> lines = readAll(stream);
            assertThat(Json.write(Wire.json(lines.get(3)).get("output").get("data").get(1)))
                    .isEqualTo("[[\"append\",[0,1,\"text\"],\"\\nx = 1\"]]");
            assertThat(Json.write(Wire.json(lines.get(4)).get("output").get("data").get(1)))
                    .isEqualTo("[[\"replace\",[0,1,\"text\"],\"Here:\\n x = 1\\ny\"]]");
        }
    }

    @Test
    void unknownModelFailsWithANullError() throws Exception {
        start(GradioSimulator.builder().tokenDelay(Duration.ZERO));
        String eventId = Wire.joinQwen(sim, "u1", "Hello", "[]", "110B");
        try (RawSseClient stream = Wire.stream(sim, "u1")) {
            assertThat(readAll(stream)).extracting(Wire::normalize).containsExactly(
                    "{\"msg\":\"estimation\",\"event_id\":\"E\",\"rank\":0,\"queue_size\":1,\"rank_eta\":null}",
                    "{\"msg\":\"process_starts\",\"event_id\":\"E\",\"eta\":null}",
                    "{\"msg\":\"process_completed\",\"event_id\":\"E\",\"output\":{\"error\":null},\"success\":false}",
                    "{\"msg\":\"close_stream\",\"event_id\":null}");
        }
        assertThat(sim.awaitEvent(eventId, Duration.ofSeconds(5)).orElseThrow().outcome())
                .isEqualTo(EventOutcome.FAILED);
    }

    @Test
    void replyFunctionExceptionFailsTheEvent() throws Exception {
        start(GradioSimulator.builder().replyFunction(req -> {
            throw new IllegalStateException("boom");
        }));
        Wire.joinQwen(sim, "x1", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "x1")) {
            assertThat(readAll(stream).get(2)).endsWith("\"output\":{\"error\":null},\"success\":false}");
        }
    }

    @Test
    void nothingYieldedCompletesWithNulls() throws Exception {
        start(GradioSimulator.builder().replyFunction(req -> List.of()));
        Wire.joinQwen(sim, "n1", "Hello");
        try (RawSseClient stream = Wire.stream(sim, "n1")) {
            List<String> lines = readAll(stream);
            assertThat(lines).hasSize(4);
            assertThat(lines.get(2)).contains("\"output\":{\"data\":[null,null,null],\"is_generating\":false,");
        }
    }

    @Test
    void tupleChatbotStreamsPlainPairs() throws Exception {
        start(GradioSimulator.builder().app(SimulatedApp.tupleChatbot()).tokenDelay(Duration.ZERO)
                .replyFunction(req -> List.of("Hi", " there")));
        String body = "{\"data\":[\"Hello\",[[\"a\",null]]],\"fn_index\":0,\"session_hash\":\"t1\"}";
        assertThat(Wire.post(sim.apiUrl("/queue/join"), body).statusCode()).isEqualTo(200);
        try (RawSseClient stream = Wire.stream(sim, "t1")) {
            List<String> lines = readAll(stream);
            assertThat(Json.write(Wire.json(lines.get(2)).get("output").get("data")))
                    .isEqualTo("[\"\",[[\"a\",null],[\"Hello\",\"Hi\"]]]");
            assertThat(Json.write(Wire.json(lines.get(3)).get("output").get("data")))
                    .isEqualTo("[[],[[\"append\",[1,1],\" there\"]]]");
            assertThat(Json.write(Wire.json(lines.get(4)).get("output").get("data")))
                    .isEqualTo("[\"\",[[\"a\",null],[\"Hello\",\"Hi there\"]]]");
        }
    }

    @Test
    void defaultReplyEchoesThePrompt() throws Exception {
        start(GradioSimulator.builder().tokenDelay(Duration.ZERO));
        Wire.joinQwen(sim, "d1", "Hello world");
        try (RawSseClient stream = Wire.stream(sim, "d1")) {
            List<String> lines = readAll(stream);
            assertThat(lines).hasSize(2 + 4 + 2);
            assertThat(Wire.json(lines.get(6)).at("/output/data/1/0/1/text").asText())
                    .isEqualTo("You said: Hello world");
        }
        assertThat(ReplyFunction.splitWords("You said:  a")).containsExactly("You", " said:", "  a");
    }

    @Test
    void concurrentEventsOfOneSessionInterleaveAndCloseAfterTheLast() throws Exception {
        start(GradioSimulator.builder().tokenDelay(Duration.ofMillis(2)));
        String first = Wire.joinQwen(sim, "multi", "one two three four");
        String second = Wire.joinQwen(sim, "multi", "five");
        try (RawSseClient stream = Wire.stream(sim, "multi")) {
            List<String> lines = readAll(stream);
            assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"msg\":\"close_stream\",\"event_id\":null}");
            assertThat(lines).filteredOn(l -> l.contains("close_stream")).hasSize(1);
            for (String id : List.of(first, second)) {
                List<String> msgs = lines.stream().filter(l -> l.contains(id))
                        .map(l -> Wire.json(l).get("msg").asText()).distinct().toList();
                assertThat(msgs).containsExactly("estimation", "process_starts", "process_generating",
                        "process_completed");
            }
            assertThat(stream.endedCleanly).isTrue();
        }
    }

    @Test
    void lateStreamGetsEverythingBuffered() throws Exception {
        start(GradioSimulator.builder().tokenDelay(Duration.ZERO));
        String id = Wire.joinQwen(sim, "late", "Hello");
        assertThat(sim.awaitEvent(id, Duration.ofSeconds(5))).isPresent();
        try (RawSseClient stream = Wire.stream(sim, "late")) {
            List<String> lines = readAll(stream);
            assertThat(lines).hasSize(7);
            assertThat(lines.get(2)).doesNotContain("E-");
        }
    }
}
