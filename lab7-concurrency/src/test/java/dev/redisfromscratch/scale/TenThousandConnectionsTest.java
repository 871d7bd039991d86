package dev.redisfromscratch.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scale test: lab 7's server, in its own process, holds 10,000 concurrent connections, and
 * still answers a sample of them and a fresh one; {@code INFO clients} counts them all. Each
 * process needs about 10,000 file descriptors (the JVM raises its soft limit to the hard one); if
 * the hard limit is lower, the test is skipped and says so.
 *
 * <p>Redis: {@code maxclients} 10000 by default; {@code server.c}, {@code adjustOpenFilesLimit}.
 */
@Tag("scale")
class TenThousandConnectionsTest {
    static final int CONNECTIONS = 10_000;
    /** What each process needs beyond the connections: the JVM's own files, the listener, the selector. */
    static final int SPARE_DESCRIPTORS = 200;

    @Test
    void tenThousandIdleConnectionsAreHeldAndServed() throws Exception {
        long[] limits = ServerProcess.openFilesLimits();
        long needed = CONNECTIONS + SPARE_DESCRIPTORS;
        assumeTrue(limits[0] >= needed, "open files limit of this process is " + limits[0] + " (hard "
                + limits[1] + "); 10,000 connections need " + needed + ": raise it with ulimit -n (and -Hn)");
        try (ServerProcess server = ServerProcess.start("--maxclients", Integer.toString(CONNECTIONS + 100))) {
            List<SocketChannel> connections = new ArrayList<>(CONNECTIONS);
            try {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port);
                for (int i = 0; i < CONNECTIONS; i++) {
                    connections.add(SocketChannel.open(address)); // blocking connect; the kernel's backlog absorbs bursts
                }
                for (int i = 0; i < CONNECTIONS; i += 97) { // a sample across the whole range
                    assertThat(ping(connections.get(i))).as("PING on connection " + i).isEqualTo("+PONG\r\n");
                }
                try (SocketChannel fresh = SocketChannel.open(address)) {
                    assertThat(ping(fresh)).isEqualTo("+PONG\r\n");
                    String info = request(fresh, "INFO clients\r\n", "\r\n\r\n");
                    assertThat(info).contains("connected_clients:" + (CONNECTIONS + 1) + "\r\n");
                }
            } catch (IOException | AssertionError e) {
                throw server.failed(e);
            } finally {
                for (SocketChannel c : connections) {
                    c.close();
                }
            }
        }
    }

    private static String ping(SocketChannel c) throws IOException {
        return request(c, "PING\r\n", "\r\n");
    }

    /** Sends {@code request} and reads (blocking; the server answers at once) until the reply ends with {@code end}. */
    private static String request(SocketChannel c, String request, String end) throws IOException {
        c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        StringBuilder got = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (!got.toString().endsWith(end) || got.length() < 3) {
            buf.clear();
            if (c.read(buf) < 0) {
                throw new IOException("closed after " + got);
            }
            got.append(new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1));
        }
        return got.toString();
    }
}
