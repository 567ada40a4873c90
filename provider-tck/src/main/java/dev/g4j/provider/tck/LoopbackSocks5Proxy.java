package dev.g4j.provider.tck;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A SOCKS5 proxy on loopback for tests: no authentication, {@code CONNECT} only; it records each target. */
public final class LoopbackSocks5Proxy extends LoopbackProxy {
    private final List<String> targets = new CopyOnWriteArrayList<>();

    /**
     * Starts the proxy on a free loopback port.
     *
     * @throws IOException when no port can be bound
     */
    public LoopbackSocks5Proxy() throws IOException {
        super("loopback-socks5-proxy");
    }

    /**
     * Each {@code CONNECT} target so far.
     *
     * @return the targets as {@code host:port}, in arrival order
     */
    public List<String> targets() {
        return targets;
    }

    @Override
    Socket open(Socket client) throws IOException {
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
        Socket upstream = connect(host, port);
        out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
        return upstream;
    }
}
