package dev.g4j.gradio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;
import dev.g4j.gradio.OutputState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps the output values of one Gradio event and applies the server's messages to them (docs/gradio-protocol.md,
 * section "Streaming diffs").
 *
 * <p>Full values ({@link #applyFull}) replace every output; edit lists ({@link #applyDiffs}) are applied in place, so
 * the cost of a message is proportional to its size (an append extends its string in place, see
 * {@link GrowingTextNode}), never to the
 * whole value. When an edit cannot be applied the output keeps its last good value and the state is marked
 * out of sync; the next full value clears the mark. The static {@link #applyEdit} is the single-edit primitive.
 *
 * <p>Bounds: a path has at most {@value #MAX_PATH} steps, a list index must fit an {@code int}, and no value may
 * nest deeper than {@value #MAX_DEPTH} levels, however many messages build it up; an edit that breaks a bound is a
 * {@link DiffException}.
 *
 * <p>Not thread-safe. The trees are shared with the messages they came from; do not mutate those messages.
 */
public final class DiffApplier implements OutputState {
    /** The longest edit path accepted. */
    public static final int MAX_PATH = 64;
    /** The deepest nesting of an output value, counted from its root. */
    public static final int MAX_DEPTH = ClientCore.MAX_DEPTH;

    private final List<JsonNode> values = new ArrayList<>();
    private boolean outOfSync;
    private boolean seenFull;
    /**
     * Where the last edit appended: the path (the same immutable list instance that edit carried), its output and
     * the growing node it led to. While only appends to that very path instance follow, they extend the node
     * without walking the path again; any other change clears it.
     */
    private List<Object> appendPath;
    private int appendOutput;
    private GrowingTextNode appendNode;

    private final OutputState view = new OutputState() {
        @Override
        public int size() {
            return DiffApplier.this.size();
        }

        @Override
        public JsonNode get(int index) {
            return DiffApplier.this.get(index);
        }

        @Override
        public boolean outOfSync() {
            return DiffApplier.this.outOfSync();
        }

        @Override
        public List<JsonNode> copy() {
            return DiffApplier.this.copy();
        }

        @Override
        public String toString() {
            return "OutputState" + values + (outOfSync ? " (out of sync)" : "");
        }
    };

    /**
     * A read-only view of the current values (what {@link dev.g4j.gradio.GradioEvent}s carry).
     *
     * @return the live view
     */
    public OutputState view() {
        return view;
    }

    /**
     * Whether a full value has been applied (the first generating message, or a completed one).
     *
     * @return true once there is a baseline for edits
     */
    public boolean hasBaseline() {
        return seenFull;
    }

    /**
     * Replaces every output with the given full values.
     *
     * @param data the {@code output.data} array
     * @return one root {@code REPLACE} change per output
     */
    public List<OutputChange> applyFull(ArrayNode data) {
        appendPath = null;
        values.clear();
        List<OutputChange> changes = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            JsonNode v = data.get(i);
            values.add(v);
            changes.add(new OutputChange(i, DiffOp.REPLACE, List.of(), v));
        }
        outOfSync = false;
        seenFull = true;
        return changes;
    }

    /**
     * Applies one edit list per output, in order.
     *
     * @param data the {@code output.data} array whose element {@code j} is the edit list for output {@code j}
     * @return the changes applied; once an edit fails the state is out of sync and the remaining edits are skipped
     *         until the next full value
     * @throws DiffException when the message is not shaped as edit lists at all
     */
    public List<OutputChange> applyDiffs(ArrayNode data) {
        appendPath = null;
        List<OutputChange> changes = new ArrayList<>();
        for (int j = 0; j < data.size(); j++) {
            JsonNode edits = data.get(j);
            if (!edits.isArray()) {
                throw new DiffException("Output " + j + " carries " + edits.getNodeType() + " where an edit list was expected");
            }
            while (values.size() <= j) {
                values.add(NullNode.getInstance());
            }
            for (JsonNode edit : edits) {
                if (!edit.isArray() || edit.size() < 2 || !edit.get(1).isArray()) {
                    throw new DiffException("Malformed edit " + edit + " for output " + j);
                }
                DiffOp op;
                try {
                    op = DiffOp.fromWire(edit.get(0).asText(null));
                } catch (IllegalArgumentException e) {
                    throw new DiffException(e.getMessage());
                }
                List<Object> path = toPath(edit.get(1));
                JsonNode value = edit.size() > 2 ? edit.get(2) : NullNode.getInstance();
                if (outOfSync) {
                    continue;
                }
                try {
                    values.set(j, applyEdit(values.get(j), op, path, value));
                    changes.add(new OutputChange(j, op, path, value));
                } catch (DiffException e) {
                    outOfSync = true;
                }
            }
        }
        return changes;
    }

    /**
     * Applies edits already read from a message (see {@link DiffReader}), in order, with the same rules as
     * {@link #applyDiffs}.
     *
     * @param edits the edits, each tagged with its output index
     * @param outputs the number of outputs the message carried edit lists for
     * @return the edits applied; once one fails the state is out of sync and the rest are skipped
     */
    public List<OutputChange> applyEdits(List<OutputChange> edits, int outputs) {
        while (values.size() < outputs) {
            values.add(NullNode.getInstance());
        }
        if (outOfSync) {
            return List.of();
        }
        for (int i = 0, n = edits.size(); i < n; i++) {
            OutputChange e = edits.get(i);
            if (e.path() == appendPath && e.op() == DiffOp.APPEND && e.outputIndex() == appendOutput) {
                String delta = textOf(e.value());
                if (delta != null) {
                    appendNode.append(delta);
                    continue;
                }
            }
            appendPath = null;
            try {
                JsonNode root = applyEdit(values.get(e.outputIndex()), e.op(), e.path(), e.value());
                values.set(e.outputIndex(), root);
                if (e.op() == DiffOp.APPEND) {
                    rememberAppend(e, root);
                }
            } catch (DiffException ex) {
                outOfSync = true;
                return edits.subList(0, i);
            }
        }
        return edits;
    }

    private void rememberAppend(OutputChange e, JsonNode root) {
        JsonNode node = root;
        List<Object> path = e.path();
        for (int i = 0, n = path.size(); i < n; i++) {
            node = child(node, path.get(i), path);
        }
        if (node instanceof GrowingTextNode growing) {
            appendPath = path;
            appendOutput = e.outputIndex();
            appendNode = growing;
        }
    }

    /**
     * Applies one edit to {@code root}, mutating containers in place.
     *
     * @param root the current value
     * @param op the operation
     * @param path the path from the root
     * @param value the edit's value
     *
     * @return the new root (a different node when the root itself was replaced or appended to)
     * @throws DiffException when the edit does not fit the value
     */
    public static JsonNode applyEdit(JsonNode root, DiffOp op, List<Object> path, JsonNode value) {
        if (path.size() > MAX_PATH) {
            throw new DiffException("Path of " + path.size() + " steps is longer than " + MAX_PATH);
        }
        if ((op == DiffOp.REPLACE || op == DiffOp.ADD) && value.isContainerNode()
                && path.size() + depth(value, MAX_DEPTH - path.size()) > MAX_DEPTH) {
            throw new DiffException("The value at " + path + " would nest deeper than " + MAX_DEPTH + " levels");
        }
        if (path.isEmpty()) {
            return switch (op) {
                case REPLACE -> value;
                case APPEND -> appendText(root, value, path);
                default -> throw new DiffException(op + " needs a non-empty path");
            };
        }
        JsonNode c = root;
        for (int i = 0; i < path.size() - 1; i++) {
            c = child(c, path.get(i), path);
        }
        Object k = path.get(path.size() - 1);
        if (c instanceof ArrayNode list) {
            int idx = index(k, path);
            switch (op) {
                case REPLACE -> list.set(checked(idx, list.size(), path), value);
                case APPEND -> {
                    JsonNode old = list.get(checked(idx, list.size(), path));
                    JsonNode grown = appendText(old, value, path);
                    if (grown != old) { // a text node the first time, then the same growing node
                        list.set(idx, grown);
                    }
                }
                case ADD -> {
                    if (idx < 0 || idx > list.size()) {
                        throw new DiffException("Index " + idx + " out of range for add at " + path);
                    }
                    list.insert(idx, value);
                }
                case DELETE -> list.remove(checked(idx, list.size(), path));
            }
        } else if (c instanceof ObjectNode obj) {
            String key = String.valueOf(k);
            switch (op) {
                case REPLACE, ADD -> obj.set(key, value);
                case APPEND -> {
                    JsonNode old = obj.get(key);
                    if (old == null) {
                        throw new DiffException("No key '" + key + "' to append to at " + path);
                    }
                    JsonNode grown = appendText(old, value, path);
                    if (grown != old) { // a text node the first time, then the same growing node
                        obj.set(key, grown);
                    }
                }
                case DELETE -> {
                    if (obj.remove(key) == null) {
                        throw new DiffException("No key '" + key + "' to delete at " + path);
                    }
                }
            }
        } else {
            throw new DiffException("Path " + path + " does not lead to a list or dictionary");
        }
        return root;
    }

    /** The nesting depth of {@code v} (0 for a scalar), counting no further than {@code limit} + 1. */
    static int depth(JsonNode v, int limit) {
        if (!v.isContainerNode()) {
            return 0;
        }
        if (limit <= 0) {
            return 1;
        }
        int max = 0;
        for (JsonNode c : v) {
            max = Math.max(max, depth(c, limit - 1));
            if (max >= limit) {
                break;
            }
        }
        return max + 1;
    }

    private static JsonNode child(JsonNode c, Object step, List<Object> path) {
        JsonNode next;
        if (c instanceof ArrayNode list) {
            next = list.get(checked(index(step, path), list.size(), path));
        } else if (c instanceof ObjectNode obj) {
            next = obj.get(String.valueOf(step));
        } else {
            next = null;
        }
        if (next == null) {
            throw new DiffException("Path " + path + " does not exist in the current value");
        }
        return next;
    }

    private static int index(Object k, List<Object> path) {
        if (k instanceof Integer i) {
            return i;
        }
        throw new DiffException("Path element '" + k + "' is not a list index at " + path);
    }

    private static int checked(int idx, int size, List<Object> path) {
        if (idx < 0 || idx >= size) {
            throw new DiffException("Index " + idx + " out of range (size " + size + ") at " + path);
        }
        return idx;
    }

    private static JsonNode appendText(JsonNode old, JsonNode value, List<Object> path) {
        String delta = textOf(value);
        if (delta != null && old instanceof GrowingTextNode growing) {
            growing.append(delta);
            return growing;
        }
        if (delta == null || old == null || !old.isTextual()) {
            throw new DiffException("append needs a string value and a string delta at " + path);
        }
        return new GrowingTextNode(old.textValue(), delta);
    }

    /** The text of a string node, else null; class checks first, as isTextual() is megamorphic on this path. */
    private static String textOf(JsonNode value) {
        if (value instanceof TextNode t) {
            return t.textValue();
        }
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static List<Object> toPath(JsonNode pathNode) {
        if (pathNode.size() > MAX_PATH) {
            throw new DiffException("Path of " + pathNode.size() + " steps is longer than " + MAX_PATH);
        }
        List<Object> path = new ArrayList<>(pathNode.size());
        for (JsonNode p : pathNode) {
            if (p.isIntegralNumber()) {
                if (!p.canConvertToInt()) {
                    throw new DiffException("Path element " + p + " is not a valid list index");
                }
                path.add(p.intValue());
            } else if (p.isTextual()) {
                path.add(p.textValue());
            } else {
                throw new DiffException("Path element " + p + " is neither an index nor a key");
            }
        }
        return path;
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public JsonNode get(int index) {
        if (index < 0 || index >= values.size()) {
            return NullNode.getInstance();
        }
        JsonNode v = values.get(index);
        return v == null ? NullNode.getInstance() : v;
    }

    @Override
    public boolean outOfSync() {
        return outOfSync;
    }

    @Override
    public List<JsonNode> copy() {
        List<JsonNode> out = new ArrayList<>(values.size());
        for (JsonNode v : values) {
            out.add(v == null ? NullNode.getInstance() : v.deepCopy());
        }
        return Collections.unmodifiableList(out);
    }
}
