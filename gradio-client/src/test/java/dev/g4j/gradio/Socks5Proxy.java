package dev.g4j.gradio;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A minimal SOCKS5 proxy for tests (RFC 1928 CONNECT with RFC 1929 user/password). Assumes each handshake message
 * arrives in one read, which holds on loopback because the client waits for each reply. Records "user@host:port".
 */
final class Socks5Proxy implements AutoCloseable {
    final Vertx vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(1));
    final List<String> seen = new CopyOnWriteArrayList<>();
    private final NetServer server;
    private final NetClient net = vertx.createNetClient();

    Socks5Proxy() throws Exception {
        server = vertx.createNetServer().connectHandler(this::handshake);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    private void handshake(NetSocket s) {
        String[] user = {""};
        int[] stage = {0};
        s.handler(b -> {
            switch (stage[0]) {
                case 0 -> { // greeting: VER NMETHODS METHODS...; pick user/password (2) when offered
                    boolean pwd = false;
                    for (int i = 2; i < b.length(); i++) {
                        pwd |= b.getByte(i) == 2;
                    }
                    s.write(Buffer.buffer(new byte[] {5, (byte) (pwd ? 2 : 0)}));
                    stage[0] = pwd ? 1 : 2;
                }
                case 1 -> { // VER ULEN USER PLEN PASS
                    int ulen = b.getByte(1);
                    user[0] = b.getString(2, 2 + ulen, StandardCharsets.UTF_8.name());
                    s.write(Buffer.buffer(new byte[] {1, 0}));
                    stage[0] = 2;
                }
                case 2 -> { // VER CMD RSV ATYP ADDR PORT
                    int atyp = b.getByte(3);
                    String host;
                    int at;
                    if (atyp == 1) {
                        host = (b.getByte(4) & 255) + "." + (b.getByte(5) & 255) + "." + (b.getByte(6) & 255) + "." + (b.getByte(7) & 255);
                        at = 8;
                    } else {
                        int len = b.getByte(4);
                        host = b.getString(5, 5 + len);
                        at = 5 + len;
                    }
                    int port = b.getUnsignedShort(at);
                    seen.add(user[0] + "@" + host + ":" + port);
                    stage[0] = 3;
                    s.pause();
                    net.connect(port, host).onComplete(ar -> {
                        if (ar.failed()) {
                            s.write(Buffer.buffer(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0})).onComplete(x -> s.close());
                            return;
                        }
                        NetSocket up = ar.result();
                        s.handler(null);
                        s.write(Buffer.buffer(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0}));
                        s.pipeTo(up);
                        up.pipeTo(s);
                    });
                }
                default -> {
                }
            }
        });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
