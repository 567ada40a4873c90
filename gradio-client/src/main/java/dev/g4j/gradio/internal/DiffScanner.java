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
 * <p>It is strict: anything outside that shape or outside plain JSON (escaped or non-ASCII field names, a repeated
 * field, a failure flag, a non-string edit value, a number path element out of int range, invalid UTF-8, deep
 * nesting, a byte after the object) makes it answer null, and the caller reads the message with Jackson, which gives
 * the same result for every message this class accepts and reports the exact problem for the others. So it never
 * accepts a message the Jackson path would reject, nor reads one differently.
 *
 * <p>It reads the message's own copy, whose length is the message's: a read past its end (an index out of bounds)
 * means a truncated message, and the scanner answers null. So the grammar checks need no end checks of their own,
 * except after the closing brace, where the message may legitimately end.
 *
 * <p>Per stream it keeps the last event id and edit path, with their bytes, so the usual message allocates neither
 * again nor parses the path: bytes equal to those of a path read before, at the start of a path, are that same path.
 * Not thread-safe: one instance per stream.
 */
public final class DiffScanner {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_SKIP_DEPTH = 64;
    private static final int MAX_NUMBER_CHARS = 100;
    private static final int MAX_KEY_BYTES = 1000;
    private static final int MAX_STRING_BYTES = 1 << 20;
    private static final int MAX_KEPT_PATH_BYTES = 256;
    /** The usual start of the message after its brace, without whitespace. */
    private static final byte[] HEAD = bytes("\"msg\":\"process_generating\"");
    private static final byte[] QUOTED_MSG = bytes("\"msg\"");
    private static final byte[] QUOTED_PROCESS_GENERATING = bytes("\"process_generating\"");
    /** Field names as words, read from the byte after their opening quote. */
    private static final int MSG_QUOTE = (int) INTS.get(bytes("msg\""), 0);
    private static final long EVENT_ID = (long) LONGS.get(bytes("event_id"), 0);
    private static final long OUTPUT_QUOTE = (long) LONGS.get(bytes("output\"\0"), 0);
    private static final long SEVEN_BYTES = 0x00FFFFFFFFFFFFFFL;
    private static final long SUCCESS_QUOTE = (long) LONGS.get(bytes("success\""), 0);
    private static final int DATA = (int) INTS.get(bytes("data"), 0);
    private static final long QUOTED_APPEND = (long) LONGS.get(bytes("\"append\""), 0);
    private static final int TRUE = (int) INTS.get(bytes("true"), 0);
    private static final int NULL = (int) INTS.get(bytes("null"), 0);
    private static final int ALSE = (int) INTS.get(bytes("alse"), 0);

    private final StringBuilder chars = new StringBuilder();
    private final List<Object> pathBuf = new ArrayList<>(4);
    private byte[] lastIdBytes = new byte[0];
    private String lastId;
    private List<Object> lastPath = List.of();
    private byte[] lastPathBytes = new byte[0];
    private String lastKey = "";
    /** Results of the reads that also return an index. */
    private String text;
    private DiffOp op;
    private int count;
    private OutputChange edit;
    private List<OutputChange> edits;

    /**
     * Reads one message when it has the common shape.
     *
     * @param buffer holds the message as UTF-8 bytes; the message keeps a copy
     * @param offset where it starts
     * @param length its length
     * @return the message with its edits, or null when the caller must read it with Jackson
     */
    public Message scan(byte[] buffer, int offset, int length) {
        return scan(Arrays.copyOfRange(buffer, offset, offset + length));
    }

    /**
     * Reads one message when it has the common shape.
     *
     * @param json the whole message as UTF-8 bytes, kept by the message: not to be changed afterwards
     * @return the message with its edits, or null when the caller must read it with Jackson
     */
    public Message scan(byte[] json) {
        try {
            return read(json);
        } catch (Bail | IndexOutOfBoundsException e) {
            return null;
        } finally {
            text = null;
            edit = null;
            edits = null;
        }
    }

    private Message read(byte[] a) {
        int i = 0;
        if (a[i] <= ' ') {
            i = ws(a, i);
        }
        if (a[i++] != '{') {
            throw Bail.INSTANCE;
        }
        if (regionIs(a, i, HEAD)) {
            i += HEAD.length;
        } else {
            i = ws(a, i);
            if (!regionIs(a, i, QUOTED_MSG)) {
                throw Bail.INSTANCE;
            }
            i = colon(a, i + QUOTED_MSG.length);
            if (!regionIs(a, i, QUOTED_PROCESS_GENERATING)) {
                throw Bail.INSTANCE;
            }
            i += QUOTED_PROCESS_GENERATING.length;
        }
        String eventId = null;
        boolean idSeen = false;
        boolean successSeen = false;
        boolean outputSeen = false;
        int outputs = -1;
        while (true) {
            i = separator(a, i, '}');
            if (i < 0) {
                i = ~i;
                break;
            }
            int keyStart = i + 1;
            int keyEnd = key(a, i);
            int n = keyEnd - keyStart;
            i = colon(a, keyEnd + 1);
            if (n == 8 && (long) LONGS.get(a, keyStart) == EVENT_ID) {
                if (idSeen) {
                    throw Bail.INSTANCE;
                }
                idSeen = true;
                i = eventId(a, i);
                eventId = text;
            } else if (n == 6 && ((long) LONGS.get(a, keyStart) & SEVEN_BYTES) == OUTPUT_QUOTE) {
                if (outputSeen) {
                    throw Bail.INSTANCE;
                }
                outputSeen = true;
                i = output(a, i);
                outputs = count;
            } else if (n == 7 && (long) LONGS.get(a, keyStart) == SUCCESS_QUOTE) {
                if (successSeen || (int) INTS.get(a, i) != TRUE) {
                    throw Bail.INSTANCE;
                }
                successSeen = true;
                i += 4;
            } else if (n == 3 && (int) INTS.get(a, keyStart) == MSG_QUOTE) {
                throw Bail.INSTANCE;
            } else {
                i = skipValue(a, i, 0);
            }
        }
        while (i < a.length) {
            int c = a[i++];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw Bail.INSTANCE;
            }
        }
        if (!outputSeen || !idSeen) {
            throw Bail.INSTANCE;
        }
        List<OutputChange> all = edits != null ? edits : edit != null ? List.of(edit) : List.of();
        return new Message("process_generating", eventId, a, all, outputs);
    }

    /**
     * A field name at {@code i} (its opening quote), which must be plain (an escaped name might spell one of the
     * fields read, which Jackson would read as that field) and short: the index of its closing quote.
     */
    private static int key(byte[] a, int i) {
        if (a[i] != '"') {
            throw Bail.INSTANCE;
        }
        int stop = keyEnd(a, i + 1);
        if (a[stop] != '"' || stop - i > MAX_KEY_BYTES) {
            throw Bail.INSTANCE;
        }
        return stop;
    }

    /**
     * The index of the first byte from {@code i} that is below {@code '#'} (a control character, a space, {@code !}
     * or a quote), a backslash or not ASCII: eight bytes at a time, with fewer steps than {@link #plainEnd} since a
     * field name with a space or {@code !} may be left to Jackson. Reads past the end when there is none.
     */
    static int keyEnd(byte[] a, int i) {
        while (true) {
            long w = (long) LONGS.get(a, i);
            long slash = w ^ 0x5C5C5C5C5C5C5C5CL;
            long found = ((w - 0x2323232323232323L) & ~w | (slash - 0x0101010101010101L) & ~slash | w)
                    & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
    }

    /** The event id or null into {@link #text}; returns the index after it. */
    private int eventId(byte[] a, int i) {
        int c = a[i];
        if (c == 'n') {
            if ((int) INTS.get(a, i) != NULL) {
                throw Bail.INSTANCE;
            }
            text = null;
            return i + 4;
        }
        if (c != '"') {
            throw Bail.INSTANCE;
        }
        int start = i + 1;
        int known = lastIdBytes.length;
        if (lastId != null && start + known < a.length && a[start + known] == '"' && regionIs(a, start, lastIdBytes)) {
            text = lastId; // the same id as the last message (checked plain then)
            return start + known + 1;
        }
        int stop = plainEnd(a, start, a.length);
        if (a[stop] != '"') {
            return string(a, i);
        }
        lastIdBytes = Arrays.copyOfRange(a, start, stop);
        lastId = new String(a, start, stop - start, StandardCharsets.ISO_8859_1);
        text = lastId;
        return stop + 1;
    }

    /** The {@code output} object: its edits into the fields, the number of edit lists into {@link #count}. */
    private int output(byte[] a, int i) {
        if (a[i++] != '{') {
            throw Bail.INSTANCE;
        }
        int outputs = -1;
        while (true) {
            if (a[i] <= ' ') {
                i = ws(a, i);
            }
            int keyStart = i + 1;
            int keyEnd = key(a, i);
            i = colon(a, keyEnd + 1);
            if (keyEnd - keyStart == 4 && (int) INTS.get(a, keyStart) == DATA) {
                if (outputs >= 0) {
                    throw Bail.INSTANCE;
                }
                i = data(a, i);
                outputs = count;
            } else {
                i = skipValue(a, i, 1);
            }
            i = separator(a, i, '}');
            if (i < 0) {
                i = ~i;
                break;
            }
        }
        if (outputs < 0) {
            throw Bail.INSTANCE;
        }
        count = outputs;
        return i;
    }

    /** The {@code data} list of edit lists. */
    private int data(byte[] a, int i) {
        if (a[i++] != '[') {
            throw Bail.INSTANCE;
        }
        if (a[i] <= ' ') {
            i = ws(a, i);
        }
        if (a[i] == ']') {
            count = 0;
            return i + 1;
        }
        int j = 0;
        while (true) {
            if (a[i++] != '[') {
                throw Bail.INSTANCE;
            }
            if (a[i] <= ' ') {
                i = ws(a, i);
            }
            if (a[i] == ']') {
                i++;
            } else {
                while (true) {
                    i = edit(a, i, j);
                    i = separator(a, i, ']');
                    if (i < 0) {
                        i = ~i;
                        break;
                    }
                }
            }
            j++;
            i = separator(a, i, ']');
            if (i < 0) {
                count = j;
                return ~i;
            }
        }
    }

    /** One {@code [op, path]} or {@code [op, path, "text"]} edit, added to the message's edits. */
    private int edit(byte[] a, int i, int output) {
        if (a[i++] != '[') {
            throw Bail.INSTANCE;
        }
        if (a[i] <= ' ') {
            i = ws(a, i);
        }
        DiffOp o;
        if ((long) LONGS.get(a, i) == QUOTED_APPEND) {
            o = DiffOp.APPEND;
            i += 8;
        } else {
            i = op(a, i);
            o = op;
        }
        i = comma(a, i);
        i = path(a, i);
        List<Object> path = lastPath;
        int c = a[i];
        if (c <= ' ') {
            i = ws(a, i);
            c = a[i];
        }
        i++;
        JsonNode value;
        if (c == ']') {
            value = NullNode.getInstance();
        } else if (c == ',') {
            if (a[i] <= ' ') {
                i = ws(a, i);
            }
            if (a[i] != '"') {
                throw Bail.INSTANCE; // a list or dictionary value: rare, Jackson builds its tree
            }
            i = string(a, i);
            value = TextNode.valueOf(text);
            if (a[i] <= ' ') {
                i = ws(a, i);
            }
            if (a[i++] != ']') {
                throw Bail.INSTANCE;
            }
        } else {
            throw Bail.INSTANCE;
        }
        OutputChange change = new OutputChange(output, o, path, value);
        if (edits != null) {
            edits.add(change);
        } else if (edit == null) {
            edit = change;
        } else {
            edits = new ArrayList<>(4);
            edits.add(edit);
            edits.add(change);
        }
        return i;
    }

    /** An operation name into {@link #op}. */
    private int op(byte[] a, int i) {
        if (a[i] != '"') {
            throw Bail.INSTANCE;
        }
        int start = i + 1;
        int stop = plainEnd(a, start, a.length);
        if (a[stop] != '"') {
            throw Bail.INSTANCE;
        }
        op = switch (new String(a, start, stop - start, StandardCharsets.ISO_8859_1)) {
            case "append" -> DiffOp.APPEND;
            case "replace" -> DiffOp.REPLACE;
            case "add" -> DiffOp.ADD;
            case "delete" -> DiffOp.DELETE;
            default -> throw Bail.INSTANCE;
        };
        return stop + 1;
    }

    /** The path into {@link #lastPath}, reusing the previous message's list when it is the same path. */
    private int path(byte[] a, int i) {
        if (a[i] != '[') {
            throw Bail.INSTANCE;
        }
        byte[] known = lastPathBytes;
        int k = known.length;
        if (k > 0 && regionIs(a, i, known)) {
            return i + k; // the bytes of the last path, which read as lastPath
        }
        return readPath(a, i);
    }

    /** A path unlike the last one: read into {@link #lastPath}, with its bytes into {@link #lastPathBytes}. */
    private int readPath(byte[] a, int i) {
        int start = i;
        pathBuf.clear();
        i++;
        if (a[i] <= ' ') {
            i = ws(a, i);
        }
        if (a[i] == ']') {
            i++;
        } else {
            while (true) {
                if (a[i] == '"') {
                    int stop = plainEnd(a, i + 1, a.length);
                    if (a[stop] != '"') {
                        i = string(a, i);
                        pathBuf.add(text);
                    } else {
                        int n = stop - i - 1;
                        if (lastKey.length() != n || !asciiEquals(lastKey, a, i + 1)) {
                            lastKey = new String(a, i + 1, n, StandardCharsets.ISO_8859_1);
                        }
                        pathBuf.add(lastKey);
                        i = stop + 1;
                    }
                } else {
                    i = index(a, i);
                    pathBuf.add(count);
                }
                if (pathBuf.size() > DiffApplier.MAX_PATH) {
                    throw Bail.INSTANCE;
                }
                i = separator(a, i, ']');
                if (i < 0) {
                    i = ~i;
                    break;
                }
            }
        }
        if (!pathBuf.equals(lastPath)) {
            lastPath = List.copyOf(pathBuf);
        }
        lastPathBytes = i - start <= MAX_KEPT_PATH_BYTES ? Arrays.copyOfRange(a, start, i) : new byte[0];
        return i;
    }

    private static boolean asciiEquals(String s, byte[] a, int start) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != a[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative or negative integer of at most 9 digits, without fraction or exponent, into {@link #count}. */
    private int index(byte[] a, int i) {
        boolean negative = false;
        if (a[i] == '-') {
            negative = true;
            i++;
        }
        int c = a[i++];
        if (c < '0' || c > '9') {
            throw Bail.INSTANCE;
        }
        int v = c - '0';
        if (c != '0') {
            int digits = 1;
            while ((c = a[i]) >= '0' && c <= '9') {
                if (++digits > 9) {
                    throw Bail.INSTANCE;
                }
                v = v * 10 + (c - '0');
                i++;
            }
        }
        c = a[i];
        if (c == '.' || c == 'e' || c == 'E' || c >= '0' && c <= '9') {
            throw Bail.INSTANCE;
        }
        count = negative ? -v : v;
        return i;
    }

    // --- JSON grammar -------------------------------------------------------------------------------------------
    // Each read takes the index where its value starts (past any whitespace) and returns the index after it.

    private static int skipValue(byte[] a, int i, int depth) {
        switch (a[i]) {
            case '"' -> {
                return skipString(a, i);
            }
            case 't' -> {
                if ((int) INTS.get(a, i) != TRUE) {
                    throw Bail.INSTANCE;
                }
                return i + 4; // what follows must be a separator: "truex" fails there
            }
            case 'n' -> {
                if ((int) INTS.get(a, i) != NULL) {
                    throw Bail.INSTANCE;
                }
                return i + 4;
            }
            case 'f' -> {
                if ((int) INTS.get(a, i + 1) != ALSE) {
                    throw Bail.INSTANCE;
                }
                return i + 5;
            }
            case '[' -> {
                return skipContainer(a, i, depth, ']');
            }
            case '{' -> {
                return skipContainer(a, i, depth, '}');
            }
            default -> {
                return number(a, i);
            }
        }
    }

    /** Skips the array or object at {@code i} (its opening bracket), {@code close} being its closing bracket. */
    private static int skipContainer(byte[] a, int i, int depth, int close) {
        if (depth >= MAX_SKIP_DEPTH) {
            throw Bail.INSTANCE;
        }
        i++;
        if (a[i] <= ' ') {
            i = ws(a, i);
        }
        if (a[i] == close) {
            return i + 1;
        }
        while (true) {
            if (close == '}') {
                if (a[i] != '"') {
                    throw Bail.INSTANCE;
                }
                i = colon(a, skipString(a, i));
            }
            i = skipValue(a, i, depth + 1);
            i = separator(a, i, close);
            if (i < 0) {
                return ~i;
            }
        }
    }

    /**
     * After a value in an array or object: skips whitespace, then reads a comma and the whitespace after it, or the
     * closing byte. Anything else bails.
     *
     * @return the index after the comma's whitespace, or the bitwise complement of the index after the closing byte
     */
    private static int separator(byte[] a, int i, int close) {
        int c = a[i];
        if (c <= ' ') {
            i = ws(a, i);
            c = a[i];
        }
        i++;
        if (c == close) {
            return ~i;
        }
        if (c != ',') {
            throw Bail.INSTANCE;
        }
        if (a[i] <= ' ') {
            i = ws(a, i);
        }
        return i;
    }

    /**
     * A JSON number: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. A digit after a leading zero
     * is left for the caller, which expects a separator there.
     */
    private static int number(byte[] a, int i) {
        int start = i;
        int c = a[i];
        if (c == '-') {
            c = a[++i];
        }
        if (c == '0') {
            c = a[++i];
        } else if (c >= '1' && c <= '9') {
            do {
                c = a[++i];
            } while (c >= '0' && c <= '9');
        } else {
            throw Bail.INSTANCE;
        }
        if (c == '.') {
            c = a[++i];
            if (c < '0' || c > '9') {
                throw Bail.INSTANCE;
            }
            do {
                c = a[++i];
            } while (c >= '0' && c <= '9');
        }
        if (c == 'e' || c == 'E') {
            c = a[++i];
            if (c == '+' || c == '-') {
                c = a[++i];
            }
            if (c < '0' || c > '9') {
                throw Bail.INSTANCE;
            }
            do {
                c = a[++i];
            } while (c >= '0' && c <= '9');
        }
        if (i - start > MAX_NUMBER_CHARS) {
            throw Bail.INSTANCE;
        }
        return i;
    }

    /**
     * The index of the first byte in {@code a[i..end)} that is a quote, a backslash, a control character or not
     * ASCII, or {@code end}: eight bytes at a time.
     */
    static int plainEnd(byte[] a, int i, int end) {
        return firstSpecial(a, i, end, true);
    }

    /**
     * The index of the first quote, backslash or control character in {@code a[i..end)}, or {@code a.length}: like
     * {@link #plainEnd} but over bytes beyond ASCII.
     */
    static int textEnd(byte[] a, int i) {
        return firstSpecial(a, i, a.length, false);
    }

    private static int firstSpecial(byte[] a, int i, int end, boolean stopBeyondAscii) {
        long beyondAscii = stopBeyondAscii ? -1L : 0L;
        while (i + 8 <= end) {
            long w = (long) LONGS.get(a, i);
            long quote = w ^ 0x2222222222222222L;
            long slash = w ^ 0x5C5C5C5C5C5C5C5CL;
            // zero bytes of quote/slash, bytes below 0x20, bytes with the high bit if asked: the lowest flag is exact
            long found = ((quote - 0x0101010101010101L) & ~quote
                    | (slash - 0x0101010101010101L) & ~slash
                    | (w - 0x2020202020202020L) & ~w
                    | w & beyondAscii) & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < end) {
            int c = a[i];
            if (c < 0 ? stopBeyondAscii : c == '"' || c == '\\' || c < 0x20) {
                return i;
            }
            i++;
        }
        return end;
    }

    /** Whether {@code a} holds {@code expected} at {@code i}: eight bytes at a time, for short arrays. */
    private static boolean regionIs(byte[] a, int i, byte[] expected) {
        int n = expected.length;
        if (i + n > a.length) {
            return false;
        }
        if (n < 8) {
            for (int k = 0; k < n; k++) {
                if (a[i + k] != expected[k]) {
                    return false;
                }
            }
            return true;
        }
        int last = n - 8;
        for (int k = 0; k < last; k += 8) {
            if ((long) LONGS.get(a, i + k) != (long) LONGS.get(expected, k)) {
                return false;
            }
        }
        return (long) LONGS.get(a, i + last) == (long) LONGS.get(expected, last); // overlaps the one before
    }

    /** Skips a string at {@code i} (its opening quote), checking it. */
    private static int skipString(byte[] a, int i) {
        int start = i;
        i++;
        while (true) {
            i = plainEnd(a, i, a.length); // past the printable ASCII other than the quote and the backslash
            int c = a[i]; // out of bounds when unterminated
            if (i - start > MAX_STRING_BYTES) {
                throw Bail.INSTANCE; // beyond what Jackson's read constraints may accept
            }
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = escape(a, i, null);
            } else if (c < 0) {
                i = utf8(a, i);
            } else {
                throw Bail.INSTANCE; // an unescaped control character
            }
        }
    }

    /** A string at {@code i} (its opening quote), decoded into {@link #text}. */
    private int string(byte[] a, int i) {
        int start = i + 1;
        int stop = plainEnd(a, start, a.length);
        if (a[stop] == '"') {
            if (stop - start > MAX_STRING_BYTES) {
                throw Bail.INSTANCE;
            }
            text = new String(a, start, stop - start, StandardCharsets.ISO_8859_1);
            return stop + 1;
        }
        return string(a, start, stop);
    }

    /** The rest of a string that is not plain ASCII from {@code start} to {@code stop}, decoded into {@link #text}. */
    private int string(byte[] a, int start, int stop) {
        if (a[stop] < 0) {
            // text beyond ASCII without escapes: the JDK's decoder reads it, and replaces anything that is not
            // strict UTF-8 with U+FFFD; without one in the result the bytes were valid (with one, check them)
            int quote = textEnd(a, stop);
            if (a[quote] == '"' && quote - start <= MAX_STRING_BYTES) {
                String s = new String(a, start, quote - start, StandardCharsets.UTF_8);
                if (s.indexOf('\uFFFD') < 0) {
                    text = s;
                    return quote + 1;
                }
            }
        }
        boolean ascii = true;
        StringBuilder sb = null;
        int run = start;
        int i = stop;
        while (true) {
            int c = a[i];
            if (i - start > MAX_STRING_BYTES) {
                throw Bail.INSTANCE;
            }
            if (c == '"') {
                if (sb == null) {
                    text = new String(a, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                } else {
                    appendUtf8(sb, a, run, i);
                    text = sb.toString();
                }
                return i + 1;
            }
            if (c >= 0x20 && c != '\\') {
                i = plainEnd(a, i + 1, a.length);
            } else if (c == '\\') {
                if (sb == null) {
                    sb = chars;
                    sb.setLength(0);
                }
                appendUtf8(sb, a, run, i);
                i = escape(a, i, sb);
                run = i;
            } else if (c < 0) {
                ascii = false;
                i = utf8(a, i);
            } else {
                throw Bail.INSTANCE;
            }
        }
    }

    private static void appendUtf8(StringBuilder sb, byte[] a, int from, int to) {
        if (to > from) {
            sb.append(new String(a, from, to - from, StandardCharsets.UTF_8));
        }
    }

    /** One escape sequence at {@code i} (its backslash), appended to {@code out} when not null. */
    private static int escape(byte[] a, int i, StringBuilder out) {
        int c = a[i + 1];
        i += 2;
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
                for (int k = 0; k < 4; k++) {
                    int h = Character.digit(a[i++], 16);
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
        return i;
    }

    /**
     * Checks one multi-byte UTF-8 sequence at {@code i} strictly (no overlong forms, no surrogates, nothing above
     * U+10FFFF) and returns the index after it; the text is decoded later from the bytes.
     */
    private static int utf8(byte[] a, int i) {
        int c = a[i] & 0xff;
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
        for (int k = 1; k <= n; k++) {
            int d = a[i + k] & 0xff;
            if ((d & 0xc0) != 0x80) {
                throw Bail.INSTANCE;
            }
            cp = cp << 6 | (d & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
            throw Bail.INSTANCE;
        }
        return i + n + 1;
    }

    /** A colon at {@code i}, whitespace around it allowed: the index of the value after it. */
    private static int colon(byte[] a, int i) {
        return punctuation(a, i, ':');
    }

    /** A comma at {@code i}, whitespace around it allowed: the index of the value after it. */
    private static int comma(byte[] a, int i) {
        return punctuation(a, i, ',');
    }

    private static int punctuation(byte[] a, int i, int mark) {
        if (a[i] != mark) {
            i = ws(a, i);
            if (a[i] != mark) {
                throw Bail.INSTANCE;
            }
        }
        i++;
        return a[i] <= ' ' ? ws(a, i) : i;
    }

    /** The index of the first byte at or after {@code i} that is not JSON whitespace. */
    private static int ws(byte[] a, int i) {
        while (true) {
            int c = a[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
            } else {
                return i;
            }
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
