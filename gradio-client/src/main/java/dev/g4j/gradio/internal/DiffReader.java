package dev.g4j.gradio.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the edit lists of a {@code process_generating} message straight from its text with Jackson's streaming
 * parser, without building a tree of the message (docs/gradio-protocol.md, section "Streaming diffs"). String
 * values (the {@code append} deltas of a chat reply) become text nodes; other values are read as trees, they are
 * rare. Anything it does not expect (a failure flag, a missing {@code output.data}, an edit of an odd shape)
 * makes it answer null, and the caller reads the message as a tree, which reports the exact problem.
 */
final class DiffReader {
    private DiffReader() {
    }

    /**
     * Reads an {@code output} object, its opening brace already read, up to its closing brace.
     *
     * @param edits receives the edits of {@code output.data}, tagged with their output index
     * @return the number of outputs in {@code output.data}, or -1 when it is missing or not shaped as edit lists
     *         (the parser is then left inside the object)
     */
    static int readOutput(JsonParser p, List<OutputChange> edits) throws IOException {
        int outputs = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("data")) {
                if (v != JsonToken.START_ARRAY) {
                    return -1;
                }
                outputs = readData(p, edits);
                if (outputs < 0) {
                    return -1;
                }
            } else {
                p.skipChildren();
            }
        }
        return outputs;
    }

    private static int readData(JsonParser p, List<OutputChange> edits) throws IOException {
        int j = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_ARRAY) {
                return -1;
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_ARRAY || !readEdit(p, j, edits)) {
                    return -1;
                }
            }
            j++;
        }
        return j;
    }

    /** One {@code [op, path, value?]} edit, the opening bracket already read. */
    private static boolean readEdit(JsonParser p, int output, List<OutputChange> edits) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            return false;
        }
        DiffOp op = op(p.getText());
        if (op == null || p.nextToken() != JsonToken.START_ARRAY) {
            return false;
        }
        List<Object> path = new ArrayList<>(4);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                path.add(p.getIntValue());
            } else if (t == JsonToken.VALUE_STRING) {
                path.add(p.getText());
            } else {
                return false;
            }
            if (path.size() > DiffApplier.MAX_PATH) {
                return false;
            }
        }
        JsonNode value;
        t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            edits.add(new OutputChange(output, op, path, NullNode.getInstance()));
            return true;
        } else if (t == JsonToken.VALUE_STRING) {
            value = TextNode.valueOf(p.getText());
        } else {
            value = p.readValueAsTree();
            if (value == null) {
                return false;
            }
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                return false;
            }
            p.skipChildren();
        }
        edits.add(new OutputChange(output, op, path, value));
        return true;
    }

    private static DiffOp op(String name) {
        return switch (name) {
            case "append" -> DiffOp.APPEND;
            case "replace" -> DiffOp.REPLACE;
            case "add" -> DiffOp.ADD;
            case "delete" -> DiffOp.DELETE;
            default -> null;
        };
    }
}
