package dev.g4j.gradio;

import java.util.Locale;

/** The edit operations of Gradio's streaming diffs (protocol sse_v2 and later). */
public enum DiffOp {
    /** Set the value at the path. */
    REPLACE,
    /** Concatenate a string to the string at the path. */
    APPEND,
    /** Insert into a list at the index, or set a dictionary key. */
    ADD,
    /** Remove a list element or a dictionary key. */
    DELETE;

    /**
     * Parses the wire name ({@code "replace"}, {@code "append"}, {@code "add"}, {@code "delete"}).
     *
     * @param name the name, in any case
     * @return the operation
     * @throws IllegalArgumentException for any other name
     */
    public static DiffOp fromWire(String name) {
        if (name == null) {
            throw new IllegalArgumentException("A diff edit has no operation name");
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "replace" -> REPLACE;
            case "append" -> APPEND;
            case "add" -> ADD;
            case "delete" -> DELETE;
            default -> throw new IllegalArgumentException("Unknown diff operation '" + name + "'");
        };
    }
}
