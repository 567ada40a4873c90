package dev.g4j.provider.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP proxy for tests, on loopback: it answers {@code CONNECT host:port} with a tunnel and forwards
 * absolute-form requests ({@code GET http://host:port/path}) after rewriting the request line to origin form; then it
 * copies bytes both ways. It records the first request line of every connection.
 */
final class TinyHttpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TinyHttpProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tiny-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The first request line of each proxied connection, e.g. {@code POST http://127.0.0.1:1234/queue/join HTTP/1.1}. */
    List<String> requestLines() {
        return requestLines;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                daemon(() -> handle(client), "tiny-proxy-conn");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            int eol = head.indexOf("\r\n");
            String requestLine = head.substring(0, eol);
            requestLines.add(requestLine);
            String[] parts = requestLine.split(" ");
            Socket upstream;
            if (parts[0].equals("CONNECT")) {
                String[] hostPort = parts[1].split(":");
                upstream = connect(hostPort[0], Integer.parseInt(hostPort[1]));
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                URI target = URI.create(parts[1]);
                upstream = connect(target.getHost(), target.getPort());
                String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
                String rewritten = parts[0] + " " + path + " " + parts[2] + head.substring(eol);
                upstream.getOutputStream().write(rewritten.getBytes(StandardCharsets.ISO_8859_1));
            }
            daemon(() -> pipe(upstream, client), "tiny-proxy-down");
            pipe(client, upstream);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
        }
    }

    private Socket connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 5_000);
        sockets.add(s);
        return s;
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

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do in a test helper
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(TinyHttpProxy::closeQuietly);
    }
}
