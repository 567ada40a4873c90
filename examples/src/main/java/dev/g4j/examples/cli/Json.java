package dev.g4j.examples.cli;

/**
 * Just enough JSON for {@code --json}: string escaping and flat objects written field by field. The CLI does not
 * need a JSON library for this, and keeping one out keeps the output format obvious.
 */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder("{");
    private boolean first = true;

    private Json() {
    }

    /** Starts an object. */
    public static Json object() {
        return new Json();
    }

    /** Adds a string field; a null value is written as {@code null}. */
    public Json put(String name, String value) {
        key(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(value, out);
        }
        return this;
    }

    /** Adds an integer field. */
    public Json put(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    /** Adds a number field; null, NaN and infinities are written as {@code null}, which JSON has instead. */
    public Json put(String name, Double value) {
        key(name);
        if (value == null || value.isNaN() || value.isInfinite()) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append(value.longValue());
        } else {
            out.append(value);
        }
        return this;
    }

    /** The object, closed, on one line. */
    @Override
    public String toString() {
        return out + "}";
    }

    private void key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(name, out);
        out.append(':');
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb);
        return sb.toString();
    }

    /**
     * Appends {@code s} as a JSON string literal. Control characters are escaped (C1 too, so that no escape
     * sequence reaches a terminal the output is shown on), and so are U+2028 and U+2029, which are valid JSON but
     * end lines in JavaScript and in some line-oriented readers.
     */
    public static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
