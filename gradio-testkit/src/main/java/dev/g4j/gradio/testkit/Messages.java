package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

import static dev.g4j.gradio.testkit.AppSpec.NODES;

/**
 * Builds the queue's server messages with the field order of {@code gradio/server_messages.py}, every
 * field present, for the simulated Gradio version.
 */
final class Messages {

    static final String SERVER_STOPPED = "Server stopped unexpectedly.";
    static final String SESSION_NOT_FOUND = "404: Session not found.";

    private final GradioMode mode;

    Messages(GradioMode mode) {
        this.mode = mode;
    }

    ObjectNode estimation(String eventId, Integer rank, int queueSize, Double rankEta) {
        ObjectNode m = start("estimation", eventId);
        if (rank == null) {
            m.putNull("rank");
        } else {
            m.put("rank", rank);
        }
        m.put("queue_size", queueSize);
        putNullable(m, "rank_eta", rankEta);
        return m;
    }

    ObjectNode processStarts(String eventId, Double eta) {
        ObjectNode m = start("process_starts", eventId);
        putNullable(m, "eta", eta);
        return m;
    }

    ObjectNode generating(String eventId, ArrayNode data, double duration, double averageDuration) {
        ObjectNode m = start("process_generating", eventId);
        m.set("output", output(data, true, duration, averageDuration));
        m.put("success", true);
        if (mode.atLeastFive()) {
            m.putNull("time_limit");
        }
        return m;
    }

    ObjectNode completed(String eventId, ArrayNode data, double duration, double averageDuration) {
        return completed(eventId, output(data, false, duration, averageDuration), true, null);
    }

    /**
     * A failed completion. {@code message} null gives {@code {"error":null}}; otherwise a
     * {@code gr.Error} payload. In Gradio 5 a gr.Error that fails before any yield also sets the
     * top-level title.
     */
    ObjectNode failed(String eventId, String message, boolean beforeFirstYield) {
        ObjectNode error = NODES.objectNode();
        if (message == null) {
            error.putNull("error");
        } else {
            error.put("error", message);
            error.put("duration", 10);
            error.put("visible", true);
            if (mode.atLeastFive()) {
                error.put("title", "Error");
            }
        }
        String title = message != null && beforeFirstYield ? "Error" : null;
        return completed(eventId, error, false, title);
    }

    ObjectNode cancelled(String eventId) {
        return completed(eventId, NODES.objectNode(), true, null);
    }

    private ObjectNode completed(String eventId, JsonNode output, boolean success, String title) {
        ObjectNode m = start("process_completed", eventId);
        m.set("output", output);
        m.put("success", success);
        if (mode.atLeastFive()) {
            m.put("title", title);
        }
        return m;
    }

    ObjectNode heartbeat() {
        return start("heartbeat", null);
    }

    ObjectNode closeStream() {
        return start("close_stream", null);
    }

    ObjectNode unexpectedError(String message) {
        ObjectNode m = start("unexpected_error", null);
        m.put("message", message);
        m.put("success", false);
        return m;
    }

    private static ObjectNode output(ArrayNode data, boolean generating, double duration, double average) {
        ObjectNode o = NODES.objectNode();
        o.set("data", data);
        o.put("is_generating", generating);
        o.put("duration", pythonFloat(duration));
        o.put("average_duration", pythonFloat(average));
        o.putNull("render_config");
        o.putArray("changed_state_ids");
        return o;
    }

    private static ObjectNode start(String msg, String eventId) {
        ObjectNode m = NODES.objectNode();
        m.put("msg", msg);
        m.put("event_id", eventId);
        return m;
    }

    private static void putNullable(ObjectNode m, String key, Double value) {
        if (value == null) {
            m.putNull(key);
        } else {
            m.put(key, pythonFloat(value));
        }
    }

    /**
     * A float as Python prints it for ordinary magnitudes: the shortest round-trip digits, never in
     * Java's {@code 1.0E-4} notation (written plain because the mapper enables plain big decimals).
     */
    static BigDecimal pythonFloat(double value) {
        return new BigDecimal(Double.toString(value));
    }
}
