package dev.redisfromscratch.tcp;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;
import static dev.redisfromscratch.testkit.blackbox.Request.inline;
import static dev.redisfromscratch.testkit.blackbox.Request.raw;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.ServerUnderTest;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import org.junit.jupiter.api.Test;

/**
 * Lab 1's server from outside: inline commands over a real socket, replies checked byte for byte.
 * Every reply here is Redis 7's, so the same tests grade any server ({@code ./lab grade 1 --server
 * HOST:PORT}) and pass against a real {@code redis-server} (the grader's self-test).
 */
@BlackBox(local = PingLocalServer.class)
@Points(2)
@Stage(lab = 1, value = 3)
class PingServerTest {

    @Test
    @Points(4)
    void pingRepliesPong(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.inline("PING").expect("+PONG\r\n");
        }
    }

    @Test
    void pingWithMessageAndEchoReplyBulkStrings(ServerUnderTest server) throws Exception {
        String word = server.letters(1 + server.value().length());
        try (WireClient c = server.connect()) {
            c.inline("PING " + word).expect(bulk(word));
            c.inline("ECHO " + word).expect(bulk(word));
        }
    }

    @Test
    void quotedArgumentsKeepTheirSpacesAndEscapes(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.inline("ECHO \"a b\"").expect("$3\r\na b\r\n");
            c.inline("ECHO \"tab\\there\\x21\"").expect("$9\r\ntab\there!\r\n");
            c.inline("ECHO 'single \"quoted\"'").expect("$15\r\nsingle \"quoted\"\r\n");
        }
    }

    @Test
    void lineEndingInLfAloneIsACommandToo(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(raw("PING\n", "PING ending in \\n only, as nc on some systems sends")).expect("+PONG\r\n");
        }
    }

    @Test
    void quitRepliesOkThenTheServerCloses(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.inline("QUIT").expect("+OK\r\n").expectClosed();
        }
    }

    @Test
    void unknownCommandGetsRedisText(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(inline("FROBNICATE a b"), inline("foo"))
                    .expect("-ERR unknown command 'FROBNICATE', with args beginning with: 'a' 'b' \r\n",
                            "-ERR unknown command 'foo', with args beginning with: \r\n");
        }
    }

    @Test
    void wrongArgumentCountGetsRedisText(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(inline("ECHO"), inline("ECHO a b"), inline("PING a b"))
                    .expect("-ERR wrong number of arguments for 'echo' command\r\n",
                            "-ERR wrong number of arguments for 'echo' command\r\n",
                            "-ERR wrong number of arguments for 'ping' command\r\n");
        }
    }

    @Test
    void commandNamesAreCaseInsensitive(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(inline("ping"), inline("PiNg")).expect("+PONG\r\n", "+PONG\r\n");
        }
    }

    @Test
    @Points(3)
    void commandWrittenOneByteAtATimeIsAnsweredOnce(ServerUnderTest server) throws Exception {
        String word = server.letters(6);
        try (WireClient c = server.connect()) {
            c.sendByteByByte(inline("ECHO " + word)).expect(bulk(word));
            c.inline("PING").expect("+PONG\r\n");
        }
    }

    @Test
    @Points(3)
    void threeCommandsInOneWriteGetThreeRepliesInOrder(ServerUnderTest server) throws Exception {
        String two = server.letters(3);
        String three = server.letters(5);
        try (WireClient c = server.connect()) {
            c.send(inline("PING"), inline("ECHO " + two), inline("PING " + three))
                    .expect("+PONG\r\n", bulk(two), bulk(three));
        }
    }

    @Test
    void manyCommandsOnOneConnection(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            for (int i = 0; i < 5; i++) {
                String word = server.letters(4);
                c.inline("ECHO " + word).expect(bulk(word));
            }
        }
    }

    @Test
    void emptyLinesAreIgnored(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(raw("\r\n\n   \r\nPING\r\n", "three empty lines, then PING")).expect("+PONG\r\n");
        }
    }

    @Test
    void lineOver64KiBIsRejectedAndTheConnectionClosed(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(raw("ECHO " + "x".repeat(70 * 1024), "ECHO and 70 KiB of x, with no line ending"))
                    .expect("-ERR Protocol error: too big inline request\r\n").expectClosed();
        }
        assertServerStillServes(server);
    }

    @Test
    void nulByteHidesTheNewlineAsInRedisSoTheLineWaitsUntilTooBig(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(raw("PING\0\r\nPING\r\n" + "x".repeat(64 * 1024), "PING NUL CR LF, PING, then 64 KiB of x"))
                    .expect("-ERR Protocol error: too big inline request\r\n").expectClosed();
        }
        assertServerStillServes(server);
    }

    @Test
    void unbalancedQuotesAreRejectedAfterEarlierRepliesAndTheConnectionClosed(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(inline("PING"), inline("ECHO \"abc"), inline("PING"))
                    .expect("+PONG\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n").expectClosed();
        }
        assertServerStillServes(server);
    }

    @Test
    @Points(3)
    void clientVanishingMidCommandDoesNotStopTheServer(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(raw("ECHO half-a-comm", "half a command, then the client leaves"));
        }
        assertServerStillServes(server);
    }

    @Test
    void nextClientIsServedAfterOneLeaves(ServerUnderTest server) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertServerStillServes(server);
        }
    }

    private static void assertServerStillServes(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.inline("PING").expect("+PONG\r\n");
        }
    }
}
