package dev.g4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads prompts from standard input without ever holding more than the prompt limit: 8 MiB by default, or the
 * number of bytes in the system property {@value #LIMIT_PROPERTY}. A longer prompt is a usage error (exit 2), and
 * memory stays bounded however much is piped in.
 */
final class PromptReader {
    /** The default limit of one prompt: 8 MiB. */
    static final long DEFAULT_LIMIT = 8L * 1024 * 1024;
    /** The system property that changes the limit, in bytes. */
    static final String LIMIT_PROPERTY = "g4j.prompt.limit";

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final Charset charset;
    private final long limit;
    private byte[] buffer = new byte[0];
    private boolean endOfInput;

    /**
     * @param limit the most bytes one prompt may take, at least 1
     */
    PromptReader(InputStream in, Charset charset, long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The prompt limit must be at least 1 byte, got " + limit);
        }
        this.in = in;
        this.charset = charset;
        this.limit = limit;
    }

    /**
     * The limit of this process: {@value #LIMIT_PROPERTY} when set, else {@link #DEFAULT_LIMIT}.
     *
     * @throws UsageException when the property is not a positive whole number
     */
    static long limit() {
        String value = System.getProperty(LIMIT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1 && n <= Integer.MAX_VALUE - 16) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new UsageException("-D" + LIMIT_PROPERTY + " takes a number of bytes between 1 and "
                + (Integer.MAX_VALUE - 16) + ", e.g. -D" + LIMIT_PROPERTY + "=16777216 (got '" + value + "')");
    }

    /**
     * Checks a prompt given as arguments against the limit.
     *
     * @throws UsageException when it is longer
     */
    static void check(String prompt, long limit) {
        // A char takes at most 3 bytes in UTF-8: encode only a prompt that may be too long.
        if (prompt != null && (long) prompt.length() * 3 > limit && prompt.getBytes(StandardCharsets.UTF_8).length > limit) {
            throw tooLarge("The PROMPT", limit);
        }
    }

    /**
     * Reads standard input to its end as one prompt.
     *
     * @throws UsageException when it is longer than the limit; reading stops there
     */
    String readAll() {
        int n = 0;
        while (true) {
            ensureRoom(n);
            int r = read(buffer, n, (int) Math.min(buffer.length - n, limit + 1 - n));
            if (r < 0) {
                return new String(buffer, 0, n, charset);
            }
            n += r;
            if (n > limit) {
                throw tooLarge("The prompt on standard input", limit);
            }
        }
    }

    /**
     * Reads one line of the chat, without its line break; null at the end of the input. A line longer than the
     * limit is read to its end and dropped.
     *
     * @throws UsageException when the line is longer than the limit; the next call reads the line after it
     */
    String readLine() {
        if (endOfInput) {
            return null;
        }
        int n = 0;
        boolean tooLong = false;
        while (true) {
            int b = readByte();
            if (b < 0) {
                endOfInput = true;
                if (n == 0 && !tooLong) {
                    return null;
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (tooLong) {
                continue;
            }
            if (n >= limit) {
                tooLong = true;
                continue;
            }
            ensureRoom(n);
            buffer[n++] = (byte) b;
        }
        if (tooLong) {
            throw tooLarge("The prompt", limit);
        }
        if (n > 0 && buffer[n - 1] == '\r') {
            n--;
        }
        return new String(buffer, 0, n, charset);
    }

    /** Grows the buffer, never past the limit and one byte (the byte that tells the limit was passed). */
    private void ensureRoom(int used) {
        if (used < buffer.length) {
            return;
        }
        long wanted = Math.max(CHUNK, (long) buffer.length * 2);
        buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, limit + 1));
    }

    private final byte[] pending = new byte[CHUNK];
    private int pendingStart;
    private int pendingEnd;

    private int readByte() {
        if (pendingStart == pendingEnd) {
            int r = read(pending, 0, pending.length);
            if (r < 0) {
                return -1;
            }
            pendingStart = 0;
            pendingEnd = r;
        }
        return pending[pendingStart++] & 0xff;
    }

    private int read(byte[] into, int offset, int length) {
        try {
            int r;
            do {
                r = in.read(into, offset, length);
            } while (r == 0);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the prompt from standard input", e);
        }
    }

    private static UsageException tooLarge(String what, long limit) {
        return new UsageException(what + " is longer than the limit of " + size(limit)
                + "; shorten it, or raise the limit with -D" + LIMIT_PROPERTY + "=BYTES (in JAVA_OPTS for ./g4j)");
    }

    /** The limit as a person reads it: whole MiB or KiB when it is one, else bytes. */
    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
