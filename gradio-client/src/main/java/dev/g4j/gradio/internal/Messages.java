package dev.g4j.gradio.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.g4j.gradio.GradioProtocolException;
import dev.g4j.gradio.OutputChange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the JSON message carried by one SSE event (docs/gradio-protocol.md, section "Messages"). */
public final class Messages {
    private Messages() {
    }

    /**
     * Reads the header of one message, its {@code msg} and {@code event_id}, with the streaming parser; the rest is
     * read when the message is delivered. Gradio writes these two fields first, so reading usually stops after them.
     *
     * @param buffer holds the SSE event's data, as UTF-8 bytes; the message keeps a copy
     * @param offset where the data starts
     * @param length its length
     * @param host the app's host, for messages
     * @return the message
     * @throws GradioProtocolException when it does not start as a JSON object
     */
    public static Message header(byte[] buffer, int offset, int length, String host) {
        return header(null, buffer, offset, length, host);
    }

    /**
     * Reads one message like {@link #header(byte[], int, int, String)}, first with {@code scanner}, which reads the
     * common edit-list message in one pass; any other message is read as that method does.
     *
     * @param scanner the stream's scanner, or null
     * @param buffer holds the SSE event's data, as UTF-8 bytes; the message keeps a copy
     * @param offset where the data starts
     * @param length its length
     * @param host the app's host, for messages
     * @return the message
     * @throws GradioProtocolException when it does not start as a JSON object
     */
    public static Message header(DiffScanner scanner, byte[] buffer, int offset, int length, String host) {
        byte[] data = Arrays.copyOfRange(buffer, offset, offset + length);
        if (scanner != null) {
            Message fast = scanner.scan(data);
            if (fast != null) {
                return fast;
            }
        }
        String type = null;
        String eventId = null;
        boolean idSeen = false;
        List<OutputChange> edits = null;
        int outputs = -1;
        boolean diffable = true;
        try (JsonParser p = ClientCore.MAPPER.createParser(data)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first == null) {
                    throw new GradioProtocolException("The event stream sent an empty message where a message object was expected");
                }
                read(data, host); // a scalar or array: the tree reader names what it is
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("msg")) {
                    type = v == JsonToken.VALUE_STRING ? p.getText() : "";
                    p.skipChildren();
                } else if (field.equals("event_id")) {
                    idSeen = true;
                    eventId = v == JsonToken.VALUE_NULL ? null : v.isScalarValue() ? p.getText() : null;
                    p.skipChildren();
                } else if (field.equals("output") && v == JsonToken.START_OBJECT && "process_generating".equals(type) && diffable) {
                    edits = new ArrayList<>(2);
                    outputs = DiffReader.readOutput(p, edits);
                    if (outputs < 0) {
                        edits = null;
                        diffable = false;
                        break; // the parser is inside the output: stop here, the tree path reads the message
                    }
                } else {
                    if (field.equals("output") || field.equals("success") && v == JsonToken.VALUE_FALSE) {
                        diffable = false;
                    }
                    p.skipChildren();
                }
                if (type != null && idSeen && !"process_generating".equals(type)) {
                    break; // all a non-diff message needs while routing
                }
            }
            if (diffable && edits != null && (t != JsonToken.END_OBJECT || p.nextToken() != null)) {
                diffable = false;
            }
        } catch (IOException e) {
            read(data, host); // throws the tree reader's "not JSON" error
            throw new GradioProtocolException("The event stream of " + host + " sent a message that is not JSON", e);
        }
        if (!idSeen && !diffable) {
            // stopped inside the output before the event_id: read the header from the tree (rare)
            JsonNode tree = read(data, host);
            return new Message(tree.path("msg").asText(""), eventId(tree), data);
        }
        return diffable && edits != null ? new Message(type == null ? "" : type, eventId, data, edits, outputs)
                : new Message(type == null ? "" : type, eventId, data);
    }

    /**
     * Parses one message as a tree.
     *
     * @param data the message, as UTF-8 bytes
     * @param host the app's host, for messages
     * @return the message object
     * @throws GradioProtocolException when it is not a JSON object
     */
    static JsonNode tree(byte[] data, String host) {
        return read(data, host);
    }

    /**
     * Parses one message.
     *
     * @param data the message, as UTF-8 bytes
     * @param host the app's host, for messages
     * @return the message object
     * @throws GradioProtocolException when it is not a JSON object
     */
    public static JsonNode read(byte[] data, String host) {
        JsonNode msg;
        try {
            msg = ClientCore.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new GradioProtocolException("The event stream of " + host + " sent a message that is not JSON ("
                    + e.getOriginalMessage() + "); the app may not be a Gradio 4+ app", e);
        } catch (IOException e) { // not thrown for a byte array; kept typed all the same
            throw new GradioProtocolException("The event stream of " + host + " sent a message that cannot be read", e);
        }
        if (msg == null || msg.isMissingNode() || !msg.isObject()) {
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
