package dev.g4j.gradio.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.g4j.gradio.GradioProtocolException;

/** Reads the JSON message carried by one SSE event (docs/gradio-protocol.md, section "Messages"). */
public final class Messages {
    private Messages() {
    }

    /**
     * Parses one message.
     *
     * @param data the SSE event's data
     * @param host the app's host, for messages
     * @return the message object
     * @throws GradioProtocolException when it is not a JSON object
     */
    public static JsonNode read(String data, String host) {
        JsonNode msg;
        try {
            msg = ClientCore.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new GradioProtocolException("The event stream of " + host + " sent a message that is not JSON ("
                    + e.getOriginalMessage() + "); the app may not be a Gradio 4+ app", e);
        }
        if (msg == null || !msg.isObject()) {
            throw new GradioProtocolException("The event stream sent a JSON " + (msg == null ? "nothing" : msg.getNodeType())
                    + " where a message object was expected");
        }
        return msg;
    }

    /**
     * The message's {@code event_id}.
     *
     * @param msg the message
     * @return the id, or null for a session-wide message
     */
    public static String eventId(JsonNode msg) {
        JsonNode idNode = msg.get("event_id");
        return idNode == null || idNode.isNull() ? null : idNode.asText();
    }
}
