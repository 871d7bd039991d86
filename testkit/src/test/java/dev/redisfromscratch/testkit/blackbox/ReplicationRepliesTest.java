package dev.redisfromscratch.testkit.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a black-box test acting as a replica reads: {@link WireClient#expectSimpleStringReply()}
 * ({@code +FULLRESYNC <replid> <offset>}), {@link WireClient#expectBulkWithoutCrlf()} (the
 * snapshot, with no CRLF after it) and {@link WireClient#expectCommand()} (the stream), against a
 * server on a loopback socket that answers the first request with fixed bytes.
 */
class ReplicationRepliesTest {
    private ServerSocket listener;

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    private WireClient serverReplying(String reply) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                InputStream in = s.getInputStream();
                in.read(new byte[1024]);
                OutputStream out = s.getOutputStream();
                out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                in.read(new byte[1024]); // until the client leaves
            } catch (IOException e) {
                // the client left
            }
        }, "one-reply-server");
        t.setDaemon(true);
        t.start();
        return WireClient.connect("127.0.0.1", listener.getLocalPort(), Duration.ofMillis(300));
    }

    @Test
    void aFullResyncIsItsLineThenTheSnapshotThenTheStream() throws IOException {
        String id = "8371b4fb1155b71f4a04d3e1bc3e18c4a990aeeb";
        try (WireClient c = serverReplying("+FULLRESYNC " + id + " 0\r\n$5\r\nREDIS*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n"
                + "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nv\r\nx\r\n")) {
            c.command("PSYNC", "?", "-1");
            assertThat(c.expectSimpleStringReply()).isEqualTo("FULLRESYNC " + id + " 0");
            assertThat(new String(c.expectBulkWithoutCrlf(), StandardCharsets.ISO_8859_1)).isEqualTo("REDIS");
            assertThat(c.expectCommand()).isEqualTo(List.of("SELECT", "0"));
            assertThat(c.expectCommand()).isEqualTo(List.of("SET", "k", "v\r\nx"));
        }
    }

    @Test
    void anErrorIsNotASimpleString() throws IOException {
        try (WireClient c = serverReplying("-ERR unknown command 'PSYNC'\r\n")) {
            c.command("PSYNC", "?", "-1");
            assertThatThrownBy(c::expectSimpleStringReply)
                    .hasMessageContaining("expected: a simple string reply")
                    .hasMessageContaining("-ERR unknown command");
        }
    }

    @Test
    void aSnapshotThatStopsShortIsIncomplete() throws IOException {
        try (WireClient c = serverReplying("$18\r\nREDIS0010")) {
            c.command("PSYNC", "?", "-1");
            assertThatThrownBy(c::expectBulkWithoutCrlf).hasMessageContaining("expected: a snapshot");
        }
    }

    @Test
    void aCommandInAnotherEncodingIsRefused() throws IOException {
        try (WireClient c = serverReplying("*2\r\n+SELECT\r\n:0\r\n")) {
            c.command("PSYNC", "?", "-1");
            assertThatThrownBy(c::expectCommand).hasMessageContaining("expected: a command");
        }
    }
}
