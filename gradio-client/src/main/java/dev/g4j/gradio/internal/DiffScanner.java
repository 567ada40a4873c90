package dev.g4j.gradio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-written reader for the bulk of a stream: a {@code process_generating} message whose {@code output.data}
 * holds edit lists with string or absent values (docs/gradio-protocol.md, section "Streaming diffs"). It validates
 * the whole message against the JSON grammar in one pass over its bytes, reads only {@code msg}, {@code event_id},
 * {@code output.data} and {@code success}, and skips every other value without building anything.
 *
 * <p>It is strict: anything outside that shape or outside plain JSON (escaped field names, a repeated field, a
 * failure flag, a non-string edit value, a number path element out of int range, invalid UTF-8, deep nesting, a
 * byte after the object) makes it answer null, and the caller reads the message with Jackson, which gives the same
 * result for every message this class accepts and reports the exact problem for the others. So it never accepts a
 * message the Jackson path would reject, nor reads one differently.
 *
 * <p>Per stream it keeps the last event id and edit path, so the usual message allocates neither again. Not
 * thread-safe: one instance per stream.
 */
public final class DiffScanner {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_SKIP_DEPTH = 64;
    private static final int MAX_NUMBER_CHARS = 100;
    private static final int MAX_KEY_BYTES = 1000;
    private static final int MAX_STRING_BYTES = 1 << 20;
    private static final byte[] MSG = bytes("msg");
    private static final byte[] EVENT_ID = bytes("event_id");
    private static final byte[] OUTPUT = bytes("output");
    private static final byte[] SUCCESS = bytes("success");
    private static final byte[] DATA = bytes("data");
    private static final byte[] PROCESS_GENERATING = bytes("process_generating");

    private byte[] b;
    private int pos;
    private int end;
    private final StringBuilder chars = new StringBuilder();
    private final List<Object> pathBuf = new ArrayList<>(4);
    private byte[] lastIdBytes = new byte[0];
    private String lastId;
    private List<Object> lastPath = List.of();
    private String lastKey = "";

    /**
     * Reads one message when it has the common shape.
     *
     * @param buffer holds the message as UTF-8 bytes; the message keeps a copy
     * @param offset where it starts
     * @param length its length
     * @return the message with its edits, or null when the caller must read it with Jackson
     */
    public Message scan(byte[] buffer, int offset, int length) {
        b = buffer;
        pos = offset;
        end = offset + length;
        try {
            return read(offset, length);
        } catch (Bail | ArrayIndexOutOfBoundsException e) {
            return null;
        } finally {
            b = null;
        }
    }

    private Message read(int offset, int length) {
        ws();
        expect('{');
        ws();
        if (!fieldIs(MSG)) {
            throw Bail.INSTANCE;
        }
        ws();
        expect(':');
        ws();
        if (!stringIs(PROCESS_GENERATING)) {
            throw Bail.INSTANCE;
        }
        String eventId = null;
        boolean idSeen = false;
        boolean successSeen = false;
        List<OutputChange> edits = null;
        int outputs = -1;
        while (true) {
            ws();
            int c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw Bail.INSTANCE;
            }
            ws();
            if (fieldIs(EVENT_ID)) {
                if (idSeen) {
                    throw Bail.INSTANCE;
                }
                idSeen = true;
                colon();
                eventId = eventId();
            } else if (fieldIs(OUTPUT)) {
                if (edits != null) {
                    throw Bail.INSTANCE;
                }
                colon();
                edits = new ArrayList<>(1);
                outputs = output(edits);
            } else if (fieldIs(SUCCESS)) {
                if (successSeen) {
                    throw Bail.INSTANCE;
                }
                successSeen = true;
                colon();
                literal("true");
            } else if (fieldIs(MSG)) {
                throw Bail.INSTANCE;
            } else {
                skipKey();
                colon();
                skipValue(0);
            }
        }
        ws();
        if (pos != end || edits == null || !idSeen) {
            throw Bail.INSTANCE;
        }
        byte[] json = Arrays.copyOfRange(b, offset, offset + length);
        return new Message("process_generating", eventId, json, edits.size() == 1 ? List.of(edits.get(0)) : edits, outputs);
    }

    private String eventId() {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        expect('"');
        int start = pos;
        int known = lastIdBytes.length;
        if (lastId != null && start + known < end && b[start + known] == '"'
                && Arrays.equals(lastIdBytes, 0, known, b, start, start + known)) {
            pos = start + known + 1; // the same id as the last message (checked plain then)
            return lastId;
        }
        int stop = plainStringEnd();
        if (stop < 0) {
            pos = start - 1;
            return string();
        }
        int n = stop - start;
        if (lastId == null || !Arrays.equals(lastIdBytes, 0, lastIdBytes.length, b, start, stop)) {
            lastIdBytes = Arrays.copyOfRange(b, start, stop);
            lastId = new String(b, start, n, StandardCharsets.UTF_8);
        }
        return lastId;
    }

    /** The {@code output} object, up to its closing brace: the number of edit lists of its {@code data}. */
    private int output(List<OutputChange> edits) {
        expect('{');
        int outputs = -1;
        ws();
        if (peek() == '}') {
            throw Bail.INSTANCE;
        }
        while (true) {
            ws();
            if (fieldIs(DATA)) {
                if (outputs >= 0) {
                    throw Bail.INSTANCE;
                }
                colon();
                outputs = data(edits);
            } else {
                skipKey();
                colon();
                skipValue(1);
            }
            ws();
            int c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw Bail.INSTANCE;
            }
        }
        if (outputs < 0) {
            throw Bail.INSTANCE;
        }
        return outputs;
    }

    private int data(List<OutputChange> edits) {
        expect('[');
        ws();
        int j = 0;
        if (peek() == ']') {
            pos++;
            return 0;
        }
        while (true) {
            ws();
            expect('[');
            ws();
            if (peek() == ']') {
                pos++;
            } else {
                while (true) {
                    ws();
                    edit(j, edits);
                    ws();
                    int c = next();
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw Bail.INSTANCE;
                    }
                }
            }
            j++;
            ws();
            int c = next();
            if (c == ']') {
                return j;
            }
            if (c != ',') {
                throw Bail.INSTANCE;
            }
        }
    }

    /** One {@code [op, path]} or {@code [op, path, "text"]} edit. */
    private void edit(int output, List<OutputChange> edits) {
        expect('[');
        ws();
        DiffOp op = op();
        ws();
        expect(',');
        ws();
        List<Object> path = path();
        ws();
        int c = next();
        JsonNode value;
        if (c == ']') {
            value = NullNode.getInstance();
        } else if (c == ',') {
            ws();
            if (peek() != '"') {
                throw Bail.INSTANCE; // a list or dictionary value: rare, Jackson builds its tree
            }
            value = TextNode.valueOf(string());
            ws();
            expect(']');
        } else {
            throw Bail.INSTANCE;
        }
        edits.add(new OutputChange(output, op, path, value));
    }

    private DiffOp op() {
        expect('"');
        int start = pos;
        int stop = plainStringEnd();
        if (stop < 0) {
            throw Bail.INSTANCE;
        }
        int n = stop - start;
        if (n == 6 && b[start] == 'a' && b[start + 1] == 'p' && b[start + 2] == 'p' && b[start + 3] == 'e'
                && b[start + 4] == 'n' && b[start + 5] == 'd') {
            return DiffOp.APPEND;
        }
        String name = new String(b, start, n, StandardCharsets.US_ASCII);
        return switch (name) {
            case "replace" -> DiffOp.REPLACE;
            case "add" -> DiffOp.ADD;
            case "delete" -> DiffOp.DELETE;
            default -> throw Bail.INSTANCE;
        };
    }

    /** The path, reusing the previous message's list when it is the same path. */
    private List<Object> path() {
        expect('[');
        pathBuf.clear();
        ws();
        if (peek() == ']') {
            pos++;
            return List.of();
        }
        while (true) {
            ws();
            int c = peek();
            if (c == '"') {
                pos++;
                int start = pos;
                int stop = plainStringEnd();
                if (stop < 0) {
                    pos = start - 1;
                    pathBuf.add(string());
                } else if (lastKey.length() == stop - start && asciiEquals(lastKey, start)) {
                    pathBuf.add(lastKey);
                } else {
                    lastKey = new String(b, start, stop - start, StandardCharsets.UTF_8);
                    pathBuf.add(lastKey);
                }
            } else {
                pathBuf.add(index());
            }
            if (pathBuf.size() > DiffApplier.MAX_PATH) {
                throw Bail.INSTANCE;
            }
            ws();
            c = next();
            if (c == ']') {
                break;
            }
            if (c != ',') {
                throw Bail.INSTANCE;
            }
        }
        if (!pathBuf.equals(lastPath)) {
            lastPath = List.copyOf(pathBuf);
        }
        return lastPath;
    }

    private boolean asciiEquals(String s, int start) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != b[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative or negative integer of at most 9 digits, without fraction or exponent. */
    private Integer index() {
        boolean negative = false;
        if (peek() == '-') {
            negative = true;
            pos++;
        }
        int c = next();
        if (c < '0' || c > '9') {
            throw Bail.INSTANCE;
        }
        int v = c - '0';
        int digits = 1;
        if (c != '0') {
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                if (++digits > 9) {
                    throw Bail.INSTANCE;
                }
                v = v * 10 + (b[pos++] - '0');
            }
        }
        if (pos < end && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E' || b[pos] >= '0' && b[pos] <= '9')) {
            throw Bail.INSTANCE;
        }
        return negative ? -v : v;
    }

    // --- JSON grammar -------------------------------------------------------------------------------------------

    private void skipValue(int depth) {
        if (depth > MAX_SKIP_DEPTH) {
            throw Bail.INSTANCE;
        }
        int c = peek();
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                pos++;
                ws();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                while (true) {
                    ws();
                    skipString();
                    colon();
                    skipValue(depth + 1);
                    ws();
                    int d = next();
                    if (d == '}') {
                        return;
                    }
                    if (d != ',') {
                        throw Bail.INSTANCE;
                    }
                }
            }
            case '[' -> {
                pos++;
                ws();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    ws();
                    skipValue(depth + 1);
                    ws();
                    int d = next();
                    if (d == ']') {
                        return;
                    }
                    if (d != ',') {
                        throw Bail.INSTANCE;
                    }
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /** A JSON number: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    private void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int c = next();
        if (c == '0') {
            if (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                throw Bail.INSTANCE;
            }
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw Bail.INSTANCE;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (digits() == 0) {
                throw Bail.INSTANCE;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw Bail.INSTANCE;
            }
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            throw Bail.INSTANCE;
        }
    }

    private int digits() {
        int n = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
            n++;
        }
        return n;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw Bail.INSTANCE;
            }
        }
        if (pos < end) {
            int c = b[pos] & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
                throw Bail.INSTANCE; // "truex": not a literal
            }
        }
    }

    /**
     * Scans a string whose opening quote was read and which has neither escapes nor bytes outside ASCII printable
     * range; returns the index of its closing quote and moves past it, or -1 (position unspecified) when it has any.
     */
    private int plainStringEnd() {
        int i = plainEnd(b, pos, end);
        if (i >= end) {
            throw Bail.INSTANCE;
        }
        if (b[i] == '"') {
            pos = i + 1;
            return i;
        }
        return -1;
    }

    /**
     * The index of the first byte in {@code a[i..end)} that is a quote, a backslash, a control character or not
     * ASCII, or {@code end}: eight bytes at a time.
     */
    static int plainEnd(byte[] a, int i, int end) {
        while (i + 8 <= end) {
            long w = (long) LONGS.get(a, i);
            long quote = w ^ 0x2222222222222222L;
            long slash = w ^ 0x5C5C5C5C5C5C5C5CL;
            // zero bytes of quote/slash, bytes below 0x20, bytes with the high bit: the lowest flag is exact
            long found = ((quote - 0x0101010101010101L) & ~quote
                    | (slash - 0x0101010101010101L) & ~slash
                    | (w - 0x2020202020202020L) & ~w
                    | w) & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < end) {
            byte c = a[i];
            if (c == '"' || c == '\\' || c < 0x20) {
                return i;
            }
            i++;
        }
        return end;
    }

    /** A field name known not to need escapes: true and past it when the next string is exactly {@code name}. */
    private boolean fieldIs(byte[] name) {
        int n = name.length;
        if (pos + n + 2 > end || b[pos] != '"' || b[pos + n + 1] != '"') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + 1 + i] != name[i]) {
                return false;
            }
        }
        pos += n + 2;
        return true;
    }

    private boolean stringIs(byte[] value) {
        return fieldIs(value);
    }

    /**
     * A field name of the message or its output that is none of those read: it must be plain (an escaped name might
     * spell one of them, which Jackson would read as that field) and short.
     */
    private void skipKey() {
        int start = pos;
        if (skipString()) {
            throw Bail.INSTANCE;
        }
        if (pos - start > MAX_KEY_BYTES) {
            throw Bail.INSTANCE;
        }
    }

    /** Skips a string, checking it; returns whether it had an escape. */
    private boolean skipString() {
        int start = pos;
        expect('"');
        boolean escaped = false;
        byte[] a = b;
        int e = end;
        int i = pos;
        while (true) {
            i = plainEnd(a, i, e); // past the printable ASCII other than the quote and the backslash
            if (i >= e || i - start > MAX_STRING_BYTES) {
                throw Bail.INSTANCE; // unterminated, or beyond what Jackson's read constraints may accept
            }
            int c = a[i];
            if (c == '"') {
                pos = i + 1;
                return escaped;
            }
            pos = i;
            if (c == '\\') {
                escaped = true;
                escape(null);
            } else if (c < 0) {
                utf8();
            } else {
                throw Bail.INSTANCE; // an unescaped control character
            }
            i = pos;
        }
    }

    /** A string, its opening quote not yet read, decoded. */
    private String string() {
        expect('"');
        int start = pos;
        int stop = plainStringEnd();
        if (stop >= 0) {
            if (stop - start > MAX_STRING_BYTES) {
                throw Bail.INSTANCE;
            }
            return new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
        }
        pos = start;
        boolean ascii = true;
        StringBuilder sb = null;
        int run = pos;
        while (true) {
            if (pos >= end) {
                throw Bail.INSTANCE;
            }
            int c = b[pos];
            if (pos - start > MAX_STRING_BYTES) {
                throw Bail.INSTANCE;
            }
            if (c == '"') {
                if (sb == null) {
                    String s = new String(b, start, pos - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                    pos++;
                    return s;
                }
                appendUtf8(sb, run, pos);
                pos++;
                return sb.toString();
            }
            if (c >= 0x20 && c != '\\') {
                pos++;
            } else if (c == '\\') {
                if (sb == null) {
                    sb = chars;
                    sb.setLength(0);
                }
                appendUtf8(sb, run, pos);
                escape(sb);
                run = pos;
            } else if (c < 0) {
                ascii = false;
                utf8();
            } else {
                throw Bail.INSTANCE;
            }
        }
    }

    private void appendUtf8(StringBuilder sb, int from, int to) {
        if (to > from) {
            sb.append(new String(b, from, to - from, StandardCharsets.UTF_8));
        }
    }

    /** One escape sequence at {@code pos} (its backslash), appended to {@code out} when not null. */
    private void escape(StringBuilder out) {
        pos++;
        int c = next();
        char ch;
        switch (c) {
            case '"' -> ch = '"';
            case '\\' -> ch = '\\';
            case '/' -> ch = '/';
            case 'b' -> ch = '\b';
            case 'f' -> ch = '\f';
            case 'n' -> ch = '\n';
            case 'r' -> ch = '\r';
            case 't' -> ch = '\t';
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int h = Character.digit(next(), 16);
                    if (h < 0) {
                        throw Bail.INSTANCE;
                    }
                    v = v << 4 | h;
                }
                ch = (char) v;
            }
            default -> throw Bail.INSTANCE;
        }
        if (out != null) {
            out.append(ch);
        }
    }

    /**
     * Checks one multi-byte UTF-8 sequence at {@code pos} strictly (no overlong forms, no surrogates, nothing above
     * U+10FFFF) and moves past it; the text is decoded later from the bytes.
     */
    private void utf8() {
        int c = b[pos] & 0xff;
        int n;
        int min;
        int cp;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            min = 0x80;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            min = 0x800;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            min = 0x10000;
            cp = c & 0x07;
        } else {
            throw Bail.INSTANCE;
        }
        if (pos + n >= end) {
            throw Bail.INSTANCE;
        }
        for (int i = 1; i <= n; i++) {
            int d = b[pos + i] & 0xff;
            if ((d & 0xc0) != 0x80) {
                throw Bail.INSTANCE;
            }
            cp = cp << 6 | (d & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
            throw Bail.INSTANCE;
        }
        pos += n + 1;
    }

    private void colon() {
        ws();
        expect(':');
        ws();
    }

    private void ws() {
        while (pos < end) {
            int c = b[pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private int peek() {
        if (pos >= end) {
            throw Bail.INSTANCE;
        }
        return b[pos];
    }

    private int next() {
        if (pos >= end) {
            throw Bail.INSTANCE;
        }
        return b[pos++];
    }

    private void expect(int c) {
        if (next() != c) {
            throw Bail.INSTANCE;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The message is not of the common shape: read it with Jackson. No stack trace: it is control flow. */
    private static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Bail INSTANCE = new Bail();

        private Bail() {
            super(null, null, false, false);
        }
    }
}
