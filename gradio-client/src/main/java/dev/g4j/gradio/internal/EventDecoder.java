package dev.g4j.gradio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.g4j.gradio.GradioEvent;
import dev.g4j.gradio.GradioException;
import dev.g4j.gradio.GradioProtocolException;
import dev.g4j.gradio.GradioRemoteException;
import dev.g4j.gradio.OutputChange;

import java.util.List;

/**
 * Turns the messages of one Gradio event into {@link GradioEvent}s, keeping its output values (see
 * docs/gradio-protocol.md, sections "Messages" and "Streaming diffs"). Pure: no I/O, no threads, so it is tested and
 * measured without a server. Not thread-safe.
 */
public final class EventDecoder {
    private final String host;
    private final String sessionHash;
    private final DiffApplier outputs = new DiffApplier();
    private boolean usesDiffs;

    /**
     * Makes a decoder for one event.
     *
     * @param host the app's host, for messages
     * @param sessionHash the session hash, for messages
     * @param usesDiffs whether generating messages after the first carry edit lists (all protocols but sse_v1)
     */
    public EventDecoder(String host, String sessionHash, boolean usesDiffs) {
        this.host = host;
        this.sessionHash = sessionHash;
        this.usesDiffs = usesDiffs;
    }

    void usesDiffs(boolean usesDiffs) {
        this.usesDiffs = usesDiffs;
    }

    /**
     * Decodes one message.
     *
     * @param msg the message object
     * @param eventId the event's id, for the events and messages
     * @return the event, or null for a message type that makes none (heartbeats, unknown types)
     * @throws GradioException when the message reports a failure or cannot be read
     */
    public GradioEvent decode(JsonNode msg, String eventId) {
        String type = msg.path("msg").asText("");
        return switch (type) {
            case "estimation" -> new GradioEvent.Queued(eventId, intOrNull(msg.get("rank")),
                    intOrNull(msg.get("queue_size")), doubleOrNull(msg.get("rank_eta")));
            case "process_starts" -> new GradioEvent.Started(eventId, doubleOrNull(msg.get("eta")));
            case "progress" -> new GradioEvent.Progress(eventId, msg.path("progress_data"));
            case "log" -> new GradioEvent.Log(eventId, textOrNull(msg.get("level")), textOrNull(msg.get("log")),
                    textOrNull(msg.get("title")));
            case "process_generating", "process_streaming" -> generating(msg, eventId, type.equals("process_streaming"));
            case "process_completed" -> completed(msg, eventId);
            case "unexpected_error" -> throw unexpected(msg);
            default -> null;
        };
    }

    private GradioEvent generating(JsonNode msg, String eventId, boolean full) {
        if (msg.path("success").isBoolean() && !msg.get("success").booleanValue()) {
            throw remoteFailure(msg, eventId);
        }
        JsonNode data = msg.path("output").get("data");
        if (!(data instanceof ArrayNode arr)) {
            throw new GradioProtocolException("A " + msg.path("msg").asText() + " message for event " + eventId
                    + " has no output.data list");
        }
        List<OutputChange> changes;
        if (full || !outputs.hasBaseline() || !usesDiffs) {
            changes = outputs.applyFull(arr);
        } else {
            try {
                changes = outputs.applyDiffs(arr);
            } catch (DiffException e) {
                throw new GradioProtocolException("Event " + eventId + " sent an edit list this client cannot read: "
                        + e.getMessage(), e);
            }
        }
        return new GradioEvent.Generating(eventId, outputs.view(), changes);
    }

    private GradioEvent completed(JsonNode msg, String eventId) {
        if (!msg.path("success").asBoolean(false)) {
            throw remoteFailure(msg, eventId);
        }
        JsonNode data = msg.path("output").get("data");
        boolean hasData = data instanceof ArrayNode;
        if (hasData) {
            outputs.applyFull((ArrayNode) data);
        }
        return new GradioEvent.Completed(eventId, outputs.view(), hasData);
    }

    private GradioRemoteException remoteFailure(JsonNode msg, String eventId) {
        JsonNode out = msg.path("output");
        String error = textOrNull(out.get("error"));
        String title = textOrNull(out.get("title"));
        if (title == null) {
            title = textOrNull(msg.get("title"));
        }
        String prefix = "The Gradio app at " + host + " failed to process event " + eventId;
        if (error == null) {
            return new GradioRemoteException(prefix + " and gave no reason (the app hides errors unless show_error is"
                    + " on); check the inputs, or retry later");
        }
        return new GradioRemoteException(prefix + ": " + (title == null ? "" : title + ": ") + error);
    }

    private GradioRemoteException unexpected(JsonNode msg) {
        String m = textOrNull(msg.get("message"));
        if (msg.path("session_not_found").asBoolean(false) || (m != null && m.contains("Session not found"))) {
            return new GradioRemoteException(host + " does not know session " + sessionHash + " (" + m
                    + "); the join probably reached another replica or the session expired. Submit again; keep cookies"
                    + " for sticky routing");
        }
        if ("Server stopped unexpectedly.".equals(m)) {
            return new GradioRemoteException(host + " is shutting down (\"Server stopped unexpectedly.\"); retry later");
        }
        return new GradioRemoteException("The Gradio server at " + host + " reported an unexpected error: " + m);
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.intValue();
    }

    private static Double doubleOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.doubleValue();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
