package dev.g4j.gradio.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a raw socket that exposes the exact bytes of a chunked SSE body, how
 * they were chunked, and whether the body ended cleanly or was cut off.
 */
final class RawSseClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<Integer> chunkSizes = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private byte[] buffered = new byte[0];
    private int position;
    boolean endedCleanly;
    boolean cutOff;

    private RawSseClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        String statusLine = readLine();
        this.status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    /** Opens {@code GET path} on the simulator. */
    static RawSseClient get(String baseUrl, String path) throws IOException {
        String hostPort = baseUrl.substring("http://".length());
        String[] parts = hostPort.split(":");
        Socket socket = new Socket(parts[0], Integer.parseInt(parts[1]));
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostPort + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new RawSseClient(socket);
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Reads body bytes until {@code terminator} has been read; returns them including it, or null at the end. */
    String readUntil(String terminator) throws IOException {
        byte[] end = terminator.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] tail = new byte[end.length];
        int seen = 0;
        while (true) {
            int b = bodyByte();
            if (b < 0) {
                return out.size() == 0 ? null : out.toString(StandardCharsets.UTF_8);
            }
            out.write(b);
            System.arraycopy(tail, 1, tail, 0, tail.length - 1);
            tail[tail.length - 1] = (byte) b;
            seen++;
            if (seen >= end.length && java.util.Arrays.equals(tail, end)) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** The next {@code data: } payload framed with {@code \n\n}, or null when the body is over. */
    String nextData() throws IOException {
        String event = readUntil("\n\n");
        if (event == null) {
            return null;
        }
        if (!event.startsWith("data: ") || !event.endsWith("\n\n")) {
            throw new IOException("not a data frame: " + event);
        }
        return event.substring(6, event.length() - 2);
    }

    /** Every remaining body byte, as text, until the body ends or is cut off. */
    String readToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = bodyByte(); b >= 0; b = bodyByte()) {
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** True when nothing arrives for the given time (the stream is alive but silent). */
    boolean silentFor(int millis) throws IOException {
        if (position < buffered.length) {
            return false;
        }
        socket.setSoTimeout(millis);
        try {
            if (bodyByte() >= 0) {
                position--;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private int bodyByte() throws IOException {
        if (position < buffered.length) {
            return buffered[position++] & 0xff;
        }
        if (endedCleanly || cutOff) {
            return -1;
        }
        String sizeLine;
        try {
            sizeLine = readLine();
        } catch (IOException e) {
            if (e instanceof SocketTimeoutException) {
                throw e;
            }
            cutOff = true;
            return -1;
        }
        if (sizeLine == null) {
            cutOff = true;
            return -1;
        }
        int size = Integer.parseInt(sizeLine.trim(), 16);
        if (size == 0) {
            readLine();
            endedCleanly = true;
            return -1;
        }
        chunkSizes.add(size);
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size) {
            cutOff = true;
            return -1;
        }
        readLine();
        buffered = chunk;
        position = 0;
        return buffered[position++] & 0xff;
    }

    private String readLine() throws IOException {
        pending.reset();
        int previous = -1;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException e) {
                return null;
            }
            if (b < 0) {
                return null;
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = pending.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            pending.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
