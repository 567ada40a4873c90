package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.util.Iterator;
import java.util.Map;

/**
 * Gradio 4.44.1's {@code utils.diff}: the edit list that turns one output value into the next, with
 * Python's equality and type rules and its ascending-index deletes (which ≤5.29.0 clients mis-apply).
 */
final class JsonDiff {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonDiff() {
    }

    /** The edits from {@code old} to {@code updated}, as a JSON array of {@code [op, path, value]}. */
    static ArrayNode diff(JsonNode old, JsonNode updated) {
        ArrayNode edits = NODES.arrayNode();
        compare(old, updated, NODES.arrayNode(), edits);
        return edits;
    }

    private static void compare(JsonNode a, JsonNode b, ArrayNode path, ArrayNode edits) {
        if (pythonEquals(a, b)) {
            return;
        }
        PyType type = PyType.of(a);
        if (type != PyType.of(b)) {
            edits.add(edit("replace", path, b));
            return;
        }
        switch (type) {
            case STR -> {
                String oldText = a.textValue();
                String newText = b.textValue();
                if (newText.startsWith(oldText)) {
                    edits.add(edit("append", path, NODES.textNode(newText.substring(oldText.length()))));
                } else {
                    edits.add(edit("replace", path, b));
                }
            }
            case LIST -> {
                int common = Math.min(a.size(), b.size());
                for (int i = 0; i < common; i++) {
                    compare(a.get(i), b.get(i), path.deepCopy().add(i), edits);
                }
                for (int i = common; i < a.size(); i++) {
                    edits.add(edit("delete", path.deepCopy().add(i), NODES.nullNode()));
                }
                for (int i = common; i < b.size(); i++) {
                    edits.add(edit("add", path.deepCopy().add(i), b.get(i)));
                }
            }
            case DICT -> {
                for (Iterator<String> keys = a.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (b.has(key)) {
                        compare(a.get(key), b.get(key), path.deepCopy().add(key), edits);
                    } else {
                        edits.add(edit("delete", path.deepCopy().add(key), NODES.nullNode()));
                    }
                }
                for (Iterator<String> keys = b.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!a.has(key)) {
                        edits.add(edit("add", path.deepCopy().add(key), b.get(key)));
                    }
                }
            }
            default -> edits.add(edit("replace", path, b));
        }
    }

    private static ArrayNode edit(String op, ArrayNode path, JsonNode value) {
        return NODES.arrayNode().add(op).add(path).add(value == null ? NODES.nullNode() : value.deepCopy());
    }

    /** Python {@code ==} on JSON-shaped values: {@code True == 1 == 1.0}, dict key order ignored. */
    static boolean pythonEquals(JsonNode a, JsonNode b) {
        PyType ta = PyType.of(a);
        PyType tb = PyType.of(b);
        if (ta.isNumeric() && tb.isNumeric()) {
            return numericValue(a) == numericValue(b);
        }
        if (ta != tb) {
            return false;
        }
        switch (ta) {
            case NONE:
                return true;
            case STR:
                return a.textValue().equals(b.textValue());
            case LIST:
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!pythonEquals(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            case DICT:
                if (a.size() != b.size()) {
                    return false;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    JsonNode other = b.get(entry.getKey());
                    if (other == null || !pythonEquals(entry.getValue(), other)) {
                        return false;
                    }
                }
                return true;
            default:
                return a.equals(b);
        }
    }

    private static double numericValue(JsonNode node) {
        return node.isBoolean() ? (node.booleanValue() ? 1 : 0) : node.doubleValue();
    }

    /** The Python type a JSON value has after {@code json.loads}. */
    enum PyType {
        NONE, BOOL, INT, FLOAT, STR, LIST, DICT, OTHER;

        static PyType of(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return NONE;
            }
            JsonNodeType type = node.getNodeType();
            return switch (type) {
                case BOOLEAN -> BOOL;
                case NUMBER -> node.isIntegralNumber() ? INT : FLOAT;
                case STRING -> STR;
                case ARRAY -> LIST;
                case OBJECT -> DICT;
                default -> OTHER;
            };
        }

        boolean isNumeric() {
            return this == BOOL || this == INT || this == FLOAT;
        }
    }
}
