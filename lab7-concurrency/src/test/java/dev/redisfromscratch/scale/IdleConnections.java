package dev.redisfromscratch.scale;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/connections.sh}'s client: opens N connections to a server, sends one {@code PING}
 * on each and reads its {@code +PONG} (so each is a client the server has served once), prints
 * {@code ready N}, then holds them, idle, until its standard input ends; then closes them.
 *
 * <pre>
 *   java -cp ... dev.redisfromscratch.scale.IdleConnections PORT N
 * </pre>
 */
public final class IdleConnections {
    private IdleConnections() {
    }

    /**
     * @param args the server's port on 127.0.0.1, and how many connections
     * @throws IOException if a connection fails (the server refused it, or the fd limit was hit)
     */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        List<SocketChannel> connections = new ArrayList<>(n);
        ByteBuffer ping = ByteBuffer.wrap("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer pong = ByteBuffer.allocate(7); // +PONG\r\n
        for (int i = 0; i < n; i++) {
            SocketChannel c = SocketChannel.open(address);
            ping.rewind();
            c.write(ping);
            pong.clear();
            while (pong.hasRemaining()) {
                if (c.read(pong) < 0) {
                    throw new IOException("connection " + i + " closed by the server: "
                            + new String(pong.array(), 0, pong.position(), StandardCharsets.US_ASCII));
                }
            }
            connections.add(c);
        }
        System.out.println("ready " + connections.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the connections until the script closes our standard input
        }
        for (SocketChannel c : connections) {
            c.close();
        }
    }
}
