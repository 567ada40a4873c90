package dev.g4j.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An incremental parser for {@code text/event-stream} bodies. Feed it the bytes as they arrive, in chunks split
 * anywhere; it calls the sink once per complete event.
 *
 * <p>Follows the SSE rules: lines end with LF, CRLF or a lone CR (a CRLF split between two chunks counts once);
 * {@code data:} with or without a space after the colon; several {@code data} lines are joined with {@code \n};
 * lines starting with {@code :} are comments; {@code event} and {@code id} are kept, other fields ignored; an event
 * is dispatched on a blank line and only when it has data. Bytes are decoded as UTF-8 only once a line is complete,
 * so a multi-byte character split across chunks is decoded correctly.
 *
 * <p>An event (all its lines together) larger than {@code maxEventBytes} raises {@link SseEventTooLargeException};
 * the parser is then unusable. Not thread-safe: feed it from one thread at a time.
 */
public final class SseParser {
    /** The default event size limit: 16 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

    /**
     * Receives the data of each event as UTF-8 bytes, without decoding them: for a consumer that parses the bytes
     * itself (a JSON parser, for example) and needs neither a {@link String} nor the event type and id.
     */
    @FunctionalInterface
    public interface DataSink {
        /**
         * One event's data: its {@code data} lines joined with {@code \n}.
         *
         * @param bytes holds the data; valid only during the call (the parser reuses it), copy what you keep
         * @param offset where the data starts
         * @param length how many bytes it has
         */
        void data(byte[] bytes, int offset, int length);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int DATA = (int) INTS.get("data".getBytes(StandardCharsets.US_ASCII), 0);

    /** The buffers start empty: most streams send whole lines in each chunk and never need them. */
    private static final byte[] NONE = new byte[0];
    private static final int MIN_BUFFER = 256;

    private final int maxEventBytes;
    private final Consumer<SseEvent> sink;
    private final DataSink dataSink;
    /** The event's data bytes, for a {@link DataSink}. */
    private byte[] dataBytes;
    private int dataLen = -1;
    /** The event's only data line so far, still in the caller's chunk (see {@link #addDataBytes}); or null. */
    private byte[] pendingBuf;
    private int pendingOff;
    private int pendingLen;
    private byte[] line = NONE;
    private int lineLen;
    private boolean lastWasCr;
    private long eventBytes;
    /** The event's data when it has one line (the usual case): no copy into a builder. */
    private String data;
    /** The event's data once it has several lines. */
    private StringBuilder dataLines;
    private String type;
    private String id;
    private boolean failed;

    /**
     * Creates a parser.
     *
     * @param maxEventBytes the largest event accepted, counting every byte of its lines
     * @param sink receives each complete event, on the feeding thread
     */
    public SseParser(int maxEventBytes, Consumer<SseEvent> sink) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive, got " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.dataSink = null;
    }

    private SseParser(int maxEventBytes, DataSink dataSink) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive, got " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.sink = null;
        this.dataSink = Objects.requireNonNull(dataSink, "dataSink");
        this.dataBytes = NONE;
    }

    /**
     * Creates a parser that hands over each event's data as UTF-8 bytes, without decoding it; event types, ids and
     * comments are skipped. The framing rules and the size limit are the same.
     *
     * @param maxEventBytes the largest event accepted, counting every byte of its lines
     * @param dataSink receives each complete event's data, on the feeding thread
     * @return the parser
     */
    public static SseParser ofData(int maxEventBytes, DataSink dataSink) {
        return new SseParser(maxEventBytes, dataSink);
    }

    /**
     * Feeds a whole array.
     *
     * @param bytes the next bytes of the body
     * @throws SseEventTooLargeException when an event exceeds the size limit
     */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * Feeds {@code len} bytes from {@code off}.
     *
     * @param bytes holds the next bytes of the body
     * @param off where they start
     * @param len how many there are
     * @throws SseEventTooLargeException when an event exceeds the size limit
     */
    public void feed(byte[] bytes, int off, int len) {
        if (failed) {
            throw new IllegalStateException("The parser already failed on an oversized event");
        }
        int end = off + len;
        int start = off;
        try {
            while (start < end) {
                int j = lineEnd(bytes, start, end);
                if (j == end) {
                    break;
                }
                byte b = bytes[j];
                if (b == '\n' && lastWasCr && j == start && lineLen == 0) {
                    // Second half of a CRLF pair: the line already ended at the CR.
                    lastWasCr = false;
                    start = j + 1;
                    continue;
                }
                if (lineLen == 0) {
                    // the whole line is in this chunk: read it where it is, without copying it
                    checkSize(j - start);
                    endLine(bytes, start, j - start, true);
                } else {
                    append(bytes, start, j - start);
                    int n = lineLen;
                    lineLen = 0;
                    endLine(line, 0, n, false);
                }
                lastWasCr = b == '\r';
                if (lastWasCr && j + 1 < end && bytes[j + 1] == '\n') {
                    j++;
                    lastWasCr = false;
                }
                start = j + 1;
            }
            append(bytes, start, end - start);
            if (end > start) {
                lastWasCr = false;
            }
        } finally {
            keepPendingData();
        }
    }

    /**
     * The index of the first CR or LF in {@code a[i..end)}, or {@code end}: sixteen bytes at a time. A word is
     * searched for bytes below 0x0E, fewer steps than for CR and LF each; the rare other such byte (a tab) is
     * stepped over.
     */
    static int lineEnd(byte[] a, int i, int end) {
        while (i + 16 <= end) {
            long w = (long) LONGS.get(a, i);
            long v = (long) LONGS.get(a, i + 8);
            // the lowest flag of each is exact: the first byte below 0x0E
            long lowW = (w - 0x0E0E0E0E0E0E0E0EL) & ~w & 0x8080808080808080L;
            long lowV = (v - 0x0E0E0E0E0E0E0E0EL) & ~v & 0x8080808080808080L;
            if ((lowW | lowV) == 0) {
                i += 16;
                continue;
            }
            int at = lowW != 0 ? i + (Long.numberOfTrailingZeros(lowW) >>> 3) : i + 8 + (Long.numberOfTrailingZeros(lowV) >>> 3);
            if (a[at] == '\n' || a[at] == '\r') {
                return at;
            }
            i = at + 1;
        }
        while (i < end && a[i] != '\n' && a[i] != '\r') {
            i++;
        }
        return i;
    }

    /**
     * Tells whether the body ended in the middle of an event.
     *
     * @return true when part of an event has been read but not yet dispatched; at end of stream such data is dropped
     */
    public boolean hasPartialEvent() {
        return lineLen > 0 || data != null || dataLines != null || dataLen >= 0 || pendingBuf != null;
    }

    private void checkSize(int count) {
        if (count > 0 && eventBytes + lineLen + count > maxEventBytes) {
            failed = true;
            line = NONE;
            data = null;
            dataLines = null;
            dataLen = -1;
            pendingBuf = null;
            throw new SseEventTooLargeException(maxEventBytes, "A server-sent event exceeded the limit of " + maxEventBytes
                    + " bytes; the stream was abandoned. Raise maxEventBytes if the app really sends values this large.");
        }
    }

    private void append(byte[] bytes, int from, int count) {
        if (count <= 0) {
            return;
        }
        checkSize(count);
        if (lineLen + count > line.length) {
            line = Arrays.copyOf(line, grown(line.length, lineLen + count));
        }
        System.arraycopy(bytes, from, line, lineLen, count);
        lineLen += count;
    }

    /**
     * One complete line, without its end.
     *
     * @param inPlace true when {@code buf} is the caller's chunk (valid until {@link #feed} returns), false for the
     *        parser's own line buffer (reused for the next line)
     */
    private void endLine(byte[] buf, int s, int len, boolean inPlace) {
        if (len == 0) {
            dispatch();
            return;
        }
        eventBytes += len + 1;
        if (len >= 5 && (int) INTS.get(buf, s) == DATA && buf[s + 4] == ':') {
            // the hot path: a data line, decoded once, with no field string
            int vs = 5 < len && buf[s + 5] == ' ' ? 6 : 5;
            if (dataSink != null) {
                addDataBytes(buf, s + vs, len - vs, inPlace);
            } else {
                addData(new String(buf, s + vs, len - vs, StandardCharsets.UTF_8));
            }
        } else if (buf[s] == ':') {
            return;
        } else {
            int colon = -1;
            for (int i = s, e = s + len; i < e; i++) {
                if (buf[i] == ':') {
                    colon = i - s;
                    break;
                }
            }
            if (dataSink == null) {
                otherField(buf, s, len, colon);
            } else if (colon < 0 && len == 4 && (int) INTS.get(buf, s) == DATA) {
                addDataBytes(buf, s, 0, false); // a bare "data" line: an empty data line
            }
        }
        if (!inPlace && line.length > 64 * 1024 && len < 1024) {
            line = NONE;
        }
    }

    private void otherField(byte[] buf, int s, int len, int colon) {
        String field;
        String value;
        if (colon < 0) {
            field = new String(buf, s, len, StandardCharsets.UTF_8);
            value = "";
        } else {
            field = new String(buf, s, colon, StandardCharsets.UTF_8);
            int vs = colon + 1;
            if (vs < len && buf[s + vs] == ' ') {
                vs++;
            }
            value = new String(buf, s + vs, len - vs, StandardCharsets.UTF_8);
        }
        switch (field) {
            case "data" -> addData(value);
            case "event" -> type = value;
            case "id" -> id = value;
            default -> {
                // retry and unknown fields are ignored
            }
        }
    }

    /**
     * Adds a data line. The first data line of an event, when it lies in the caller's chunk, is only remembered: the
     * sink then reads it where it is, and {@link #keepPendingData} copies it only when the event is still open as
     * the chunk ends.
     */
    private void addDataBytes(byte[] buf, int from, int count, boolean inPlace) {
        if (dataLen < 0 && pendingBuf == null && inPlace) {
            pendingBuf = buf;
            pendingOff = from;
            pendingLen = count;
            return;
        }
        keepPendingData();
        int start = dataLen < 0 ? 0 : dataLen + 1;
        if (start + count > dataBytes.length) {
            dataBytes = Arrays.copyOf(dataBytes, grown(dataBytes.length, start + count));
        }
        if (dataLen >= 0) {
            dataBytes[dataLen] = '\n';
        }
        System.arraycopy(buf, from, dataBytes, start, count);
        dataLen = start + count;
    }

    /** The size a buffer of {@code length} bytes grows to when it must hold {@code needed}. */
    private static int grown(int length, int needed) {
        return Math.max(needed, Math.max(MIN_BUFFER, length * 2));
    }

    /** Copies a remembered first data line into the parser's own buffer, before the caller's chunk goes away. */
    private void keepPendingData() {
        byte[] buf = pendingBuf;
        if (buf == null) {
            return;
        }
        pendingBuf = null;
        if (pendingLen > dataBytes.length) {
            dataBytes = new byte[grown(dataBytes.length, pendingLen)];
        }
        System.arraycopy(buf, pendingOff, dataBytes, 0, pendingLen);
        dataLen = pendingLen;
    }

    private void addData(String value) {
        if (dataLines != null) {
            dataLines.append('\n').append(value);
        } else if (data != null) {
            dataLines = new StringBuilder(data.length() + value.length() + 16).append(data).append('\n').append(value);
            data = null;
        } else {
            data = value;
        }
    }

    private void dispatch() {
        if (dataSink != null) {
            eventBytes = 0;
            byte[] pending = pendingBuf;
            if (pending != null) {
                pendingBuf = null;
                dataSink.data(pending, pendingOff, pendingLen);
                return;
            }
            int n = dataLen;
            dataLen = -1;
            if (n >= 0) {
                dataSink.data(dataBytes, 0, n);
            }
            if (dataBytes.length > 64 * 1024 && n < 1024) {
                dataBytes = NONE;
            }
            return;
        }
        String d = dataLines != null ? dataLines.toString() : data;
        String t = type;
        String i = id;
        data = null;
        dataLines = null;
        type = null;
        eventBytes = 0;
        if (d == null) {
            return;
        }
        sink.accept(new SseEvent(t == null || t.isEmpty() ? "message" : t, d, i));
    }
}
