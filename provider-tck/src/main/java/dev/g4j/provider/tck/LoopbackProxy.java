package dev.g4j.provider.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy on loopback for testing a provider's proxy option: it accepts connections on a free port, reads each
 * client's request in the subclass's protocol, connects to the target and copies bytes both ways on daemon threads.
 * Closing it closes every connection it holds.
 */
public abstract sealed class LoopbackProxy implements AutoCloseable permits LoopbackHttpProxy, LoopbackSocks5Proxy {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    LoopbackProxy(String name) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, name + "-accept");
    }

    /**
     * The port the proxy listens on, at {@code 127.0.0.1}.
     *
     * @return the port
     */
    public int port() {
        return server.getLocalPort();
    }

    /** Reads the client's request, connects to its target and answers the client; the caller then tunnels. */
    abstract Socket open(Socket client) throws IOException;

    final Socket connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 5_000);
        sockets.add(s);
        return s;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                daemon(() -> serve(client), "loopback-proxy-conn");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            Socket upstream = open(client);
            daemon(() -> pipe(upstream, client), "loopback-proxy-down");
            pipe(client, upstream);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
        }
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

    /**
     * Stops accepting and closes every connection.
     *
     * @throws IOException when the listening socket cannot be closed
     */
    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(LoopbackProxy::closeQuietly);
    }
}
