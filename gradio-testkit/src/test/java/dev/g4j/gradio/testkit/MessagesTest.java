package dev.g4j.gradio.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {

    private final Messages four = new Messages(GradioMode.GRADIO_4);
    private final Messages five = new Messages(GradioMode.GRADIO_5);

    @Test
    void floatsArePrintedLikePython() {
        assertThat(Json.write(four.processStarts("e", 10.0))).isEqualTo(
                "{\"msg\":\"process_starts\",\"event_id\":\"e\",\"eta\":10.0}");
        assertThat(Json.write(four.processStarts("e", 0.000317726))).endsWith("\"eta\":0.000317726}");
        assertThat(Json.write(four.estimation("e", 2, 3, 12.63))).isEqualTo(
                "{\"msg\":\"estimation\",\"event_id\":\"e\",\"rank\":2,\"queue_size\":3,\"rank_eta\":12.63}");
    }

    @Test
    void errorPayloadsFollowSection9() {
        assertThat(Json.write(four.failed("e", null, true))).isEqualTo(
                "{\"msg\":\"process_completed\",\"event_id\":\"e\",\"output\":{\"error\":null},\"success\":false}");
        assertThat(Json.write(four.failed("e", "Model busy", true))).isEqualTo(
                "{\"msg\":\"process_completed\",\"event_id\":\"e\",\"output\":{\"error\":\"Model busy\","
                        + "\"duration\":10,\"visible\":true},\"success\":false}");
        assertThat(Json.write(five.failed("e", "Model busy", true))).isEqualTo(
                "{\"msg\":\"process_completed\",\"event_id\":\"e\",\"output\":{\"error\":\"Model busy\","
                        + "\"duration\":10,\"visible\":true,\"title\":\"Error\"},\"success\":false,\"title\":\"Error\"}");
        assertThat(Json.write(five.failed("e", "Model busy", false))).endsWith("\"success\":false,\"title\":null}");
    }

    @Test
    void streamLevelMessages() {
        assertThat(Json.write(four.heartbeat())).isEqualTo("{\"msg\":\"heartbeat\",\"event_id\":null}");
        assertThat(Json.write(four.cancelled("e"))).isEqualTo(
                "{\"msg\":\"process_completed\",\"event_id\":\"e\",\"output\":{},\"success\":true}");
        assertThat(Json.write(four.unexpectedError(Messages.SERVER_STOPPED))).isEqualTo(
                "{\"msg\":\"unexpected_error\",\"event_id\":null,\"message\":\"Server stopped unexpectedly.\","
                        + "\"success\":false}");
    }
}
