package dev.g4j.provider.openai;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal SOCKS5 proxy for tests, on loopback: no authentication, CONNECT only; records each target. */
final class TinySocks5Proxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TinySocks5Proxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tiny-socks-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Each CONNECT target as {@code host:port}. */
    List<String> targets() {
        return targets;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> handle(client), "tiny-socks-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                throw new IOException("not SOCKS5");
            }
            in.skipNBytes(in.readUnsignedByte());
            out.write(new byte[] {5, 0});
            in.readUnsignedByte();
            int cmd = in.readUnsignedByte();
            in.readUnsignedByte();
            int atyp = in.readUnsignedByte();
            String host;
            if (atyp == 1) {
                host = InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            } else if (atyp == 3) {
                host = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            } else {
                host = InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            }
            int port = in.readUnsignedShort();
            if (cmd != 1) {
                throw new IOException("only CONNECT");
            }
            targets.add(host + ":" + port);
            Socket upstream = new Socket();
            upstream.connect(new InetSocketAddress(host, port), 5_000);
            sockets.add(upstream);
            out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            Thread down = new Thread(() -> pipe(upstream, client), "tiny-socks-down");
            down.setDaemon(true);
            down.start();
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
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // test helper
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(TinySocks5Proxy::closeQuietly);
    }
}
