package dev.g4j.provider.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback for tests: it answers {@code CONNECT host:port} with a tunnel, and forwards an
 * absolute-form request ({@code GET http://host:port/path}) with its request line rewritten to origin form. It
 * records the first request line of every connection.
 */
public final class LoopbackHttpProxy extends LoopbackProxy {
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    /**
     * Starts the proxy on a free loopback port.
     *
     * @throws IOException when no port can be bound
     */
    public LoopbackHttpProxy() throws IOException {
        super("loopback-http-proxy");
    }

    /**
     * The first request line of each proxied connection, e.g. {@code POST http://127.0.0.1:1234/queue/join HTTP/1.1}.
     *
     * @return the lines so far, in arrival order
     */
    public List<String> requestLines() {
        return requestLines;
    }

    @Override
    Socket open(Socket client) throws IOException {
        String head = readHead(client.getInputStream());
        int eol = head.indexOf("\r\n");
        String requestLine = head.substring(0, eol);
        requestLines.add(requestLine);
        String[] parts = requestLine.split(" ");
        if (parts[0].equals("CONNECT")) {
            String[] hostPort = parts[1].split(":");
            Socket upstream = connect(hostPort[0], Integer.parseInt(hostPort[1]));
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return upstream;
        }
        URI target = URI.create(parts[1]);
        Socket upstream = connect(target.getHost(), target.getPort());
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        String rewritten = parts[0] + " " + path + " " + parts[2] + head.substring(eol);
        upstream.getOutputStream().write(rewritten.getBytes(StandardCharsets.ISO_8859_1));
        return upstream;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the request head ended");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
