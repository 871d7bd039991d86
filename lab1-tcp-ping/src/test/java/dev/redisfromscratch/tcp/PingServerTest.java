package dev.redisfromscratch.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RawClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lab 1's server over real sockets on an ephemeral port. */
class PingServerTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private BlockingServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = PingServer.create(log::add);
        port = server.startOnFreePort("lab1-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pingRepliesPong() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            assertThat(c.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void pingWithMessageAndEchoReplyBulkStrings() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.send("PING msg\r\nECHO hello\nECHO \"a b\"\r\n");
            assertThat(c.read("$3\r\nmsg\r\n$5\r\nhello\r\n$3\r\na b\r\n"))
                    .isEqualTo("$3\r\nmsg\r\n$5\r\nhello\r\n$3\r\na b\r\n");
        }
    }

    @Test
    void quitRepliesOkThenTheServerCloses() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            assertThat(c.send("QUIT\r\n").readUntilClosed()).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void unknownCommandGetsRedisText() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.send("FROBNICATE a b\r\nfoo\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR unknown command 'FROBNICATE', with args beginning with: 'a' 'b' \r\n");
            assertThat(c.readLine()).isEqualTo("-ERR unknown command 'foo', with args beginning with: \r\n");
        }
    }

    @Test
    void wrongArgumentCountGetsRedisText() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.send("ECHO\r\nECHO a b\r\nPING a b\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR wrong number of arguments for 'echo' command\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR wrong number of arguments for 'echo' command\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
        }
    }

    @Test
    void commandNamesAreCaseInsensitive() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            assertThat(c.send("ping\r\nPiNg\r\n").read("+PONG\r\n+PONG\r\n")).isEqualTo("+PONG\r\n+PONG\r\n");
        }
    }

    @Test
    void commandWrittenOneByteAtATimeIsAnsweredOnce() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.sendByteByByte("ECHO split\r\n");
            assertThat(c.read("$5\r\nsplit\r\n")).isEqualTo("$5\r\nsplit\r\n");
            assertThat(c.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void threeCommandsInOneWriteGetThreeRepliesInOrder() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.send("PING\r\nECHO two\r\nPING three\r\n");
            assertThat(c.read("+PONG\r\n$3\r\ntwo\r\n$5\r\nthree\r\n")).isEqualTo("+PONG\r\n$3\r\ntwo\r\n$5\r\nthree\r\n");
        }
    }

    @Test
    void emptyLinesAreIgnored() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            assertThat(c.send("\r\n\n   \r\nPING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void lineOver64KiBIsRejectedAndTheConnectionClosed() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.send("ECHO " + "x".repeat(70 * 1024));
            assertThat(c.readUntilClosed()).isEqualTo("-ERR Protocol error: too big inline request\r\n");
        }
        assertServerStillServes();
    }

    @Test
    void nulByteHidesTheNewlineAsInRedisSoTheLineWaitsUntilTooBig() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.send("PING\0\r\nPING\r\n" + "x".repeat(dev.redisfromscratch.protocol.InlineFramer.MAX_INLINE_BYTES));
            assertThat(c.readUntilClosed()).isEqualTo("-ERR Protocol error: too big inline request\r\n");
        }
        assertServerStillServes();
    }

    @Test
    void unbalancedQuotesAreRejectedAfterEarlierRepliesAndTheConnectionClosed() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.send("PING\r\nECHO \"abc\r\nPING\r\n");
            assertThat(c.readUntilClosed()).isEqualTo("+PONG\r\n-ERR Protocol error: unbalanced quotes in request\r\n");
        }
        assertServerStillServes();
    }

    @Test
    void clientVanishingMidCommandDoesNotStopTheServer() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            c.send("ECHO half-a-comm");
        }
        assertServerStillServes();
    }

    /**
     * The lesson of lab 1: one thread, one client at a time. B's connect succeeds (the kernel
     * queues it), but B's PING is answered only after A disconnects.
     */
    @Test
    void secondClientIsServedOnlyAfterTheFirstDisconnects() throws Exception {
        RawClient a = RawClient.connect(port);
        assertThat(a.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        try (RawClient b = RawClient.connect(port)) {
            b.send("PING\r\n");
            // A is still being served: its round trip completes while B's request waits.
            assertThat(a.send("ECHO still-me\r\n").read("$8\r\nstill-me\r\n")).isEqualTo("$8\r\nstill-me\r\n");
            assertThat(b.hasNothingToRead()).as("B must not be answered while A is connected").isTrue();
            assertThat(log).filteredOn(l -> l.startsWith("accepted")).hasSize(1);
            a.close();
            assertThat(b.read("+PONG\r\n")).isEqualTo("+PONG\r\n");
            assertThat(log).filteredOn(l -> l.startsWith("accepted")).hasSize(2);
        }
    }

    private void assertServerStillServes() throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            assertThat(c.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        }
    }
}
