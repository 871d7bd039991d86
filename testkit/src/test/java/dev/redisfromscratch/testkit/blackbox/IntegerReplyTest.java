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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WireClient#expectIntegerReply()}, {@link WireClient#expectBulkReply()} and {@link TtlWindow}, against a one-reply server on a
 * loopback socket that answers every request with fixed bytes, then closes or stays open.
 */
class IntegerReplyTest {
    private ServerSocket listener;

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    /** Starts a server that answers the first request with {@code reply}; returns a client connected to it. */
    private WireClient serverReplying(String reply, boolean thenClose) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                InputStream in = s.getInputStream();
                in.read(new byte[1024]);
                OutputStream out = s.getOutputStream();
                out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (!thenClose) {
                    in.read(new byte[1024]); // until the client leaves
                }
            } catch (IOException e) {
                // the client left
            }
        }, "one-reply-server");
        t.setDaemon(true);
        t.start();
        return WireClient.connect("127.0.0.1", listener.getLocalPort(), Duration.ofMillis(300));
    }

    @Test
    void integerRepliesAreReadOneByOne() throws IOException {
        try (WireClient c = serverReplying(":100\r\n:-2\r\n$1\r\nv\r\n", false)) {
            c.inline("TTL k");
            assertThat(c.expectIntegerReply()).isEqualTo(100);
            assertThat(c.expectIntegerReply()).isEqualTo(-2);
            c.expect("$1\r\nv\r\n");
        }
    }

    @Test
    void bulkRepliesAreReadOneByOneEvenWithCrlfInside() throws IOException {
        try (WireClient c = serverReplying("$4\r\na\r\nb\r\n$0\r\n\r\n:1\r\n", false)) {
            c.inline("INFO");
            assertThat(c.expectBulkReply()).isEqualTo("a\r\nb");
            assertThat(c.expectBulkReply()).isEmpty();
            assertThat(c.expectIntegerReply()).isEqualTo(1);
        }
    }

    @Test
    void aNullBulkOrAnotherTypeIsNotABulkReply() throws IOException {
        try (WireClient c = serverReplying("$-1\r\n", false)) {
            c.inline("INFO");
            assertThatThrownBy(c::expectBulkReply)
                    .hasMessageContaining("expected: a bulk string reply")
                    .hasMessageContaining("received: \"$-1\\r\\n\"");
        }
    }

    @Test
    void aBulkReplyCutShortTimesOut() throws IOException {
        try (WireClient c = serverReplying("$5\r\nab", false)) {
            c.inline("INFO");
            assertThatThrownBy(c::expectBulkReply).hasMessageContaining("(then nothing for 300 ms)");
        }
    }

    @Test
    void anotherReplyTypeIsNamed() throws IOException {
        try (WireClient c = serverReplying("$3\r\n100\r\n", false)) {
            c.inline("TTL k");
            assertThatThrownBy(c::expectIntegerReply)
                    .hasMessageContaining("request:  TTL k")
                    .hasMessageContaining("expected: an integer reply, \":<digits>\\r\\n\"")
                    .hasMessageContaining("received: \"$3\\r\\n100\\r\\n\"")
                    .hasMessageContaining("wrong reply type: expected an integer (':'), got a bulk string ('$')");
        }
    }

    @Test
    void aMissingLineEndingIsNamed() throws IOException {
        try (WireClient c = serverReplying(":100", false)) {
            c.inline("TTL k");
            assertThatThrownBy(c::expectIntegerReply)
                    .hasMessageContaining("received: \":100\"   (then nothing for 300 ms)")
                    .hasMessageContaining("first difference at byte 4 of the reply: expected '\\r' (0x0d), got end of data")
                    .hasMessageContaining("Did you forget \"\\r\\n\"");
        }
    }

    @Test
    void digitsThatAreNotANumberFail() throws IOException {
        try (WireClient c = serverReplying(":1e3\r\n", true)) {
            c.inline("TTL k");
            assertThatThrownBy(c::expectIntegerReply).hasMessageContaining("received: \":1e3\\r\\n\"");
        }
    }

    @Test
    void aClosedConnectionIsNamed() throws IOException {
        try (WireClient c = serverReplying("", true)) {
            c.inline("TTL k");
            assertThatThrownBy(c::expectIntegerReply)
                    .hasMessageContaining("then the server closed the connection")
                    .hasMessageContaining("closed the connection without answering");
        }
    }

    @Test
    void aTtlWithinTheWindowPasses() throws IOException {
        TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(100));
        try (WireClient c = serverReplying(":100\r\n:100000\r\n", false)) {
            c.inline("TTL k");
            assertThat(window.expectTtl(c)).isEqualTo(100);
            assertThat(window.expectPttl(c)).isEqualTo(100_000);
        }
    }

    @Test
    void aTtlOutsideTheWindowFailsWithTheRule() throws IOException {
        TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(100));
        try (WireClient c = serverReplying(":101\r\n", false)) {
            c.inline("TTL k");
            assertThatThrownBy(() -> window.expectTtl(c))
                    .hasMessageStartingWith("TTL replied 101; expected ")
                    .hasMessageContaining("the key was given 100000 ms to live")
                    .hasMessageContaining("(ms + 500) / 1000");
        }
    }

    @Test
    void aTtlInMillisecondsIsNamed() throws IOException {
        TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(100));
        try (WireClient c = serverReplying(":100000\r\n", false)) {
            c.inline("TTL k");
            assertThatThrownBy(() -> window.expectTtl(c)).hasMessageContaining("milliseconds where seconds are due");
        }
    }

    @Test
    void aKeyWithoutTtlIsNamed() throws IOException {
        TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(100));
        try (WireClient c = serverReplying(":-1\r\n", false)) {
            c.inline("PTTL k");
            assertThatThrownBy(() -> window.expectPttl(c))
                    .hasMessageStartingWith("PTTL replied -1")
                    .hasMessageContaining("-1 means the key has no time to live");
        }
    }
}
