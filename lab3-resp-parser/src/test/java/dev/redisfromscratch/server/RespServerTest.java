package dev.redisfromscratch.server;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;
import static dev.redisfromscratch.testkit.blackbox.Request.inline;
import static dev.redisfromscratch.testkit.blackbox.Request.raw;
import static dev.redisfromscratch.testkit.blackbox.Request.resp;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.blackbox.ServerUnderTest;
import dev.redisfromscratch.testkit.blackbox.TtlWindow;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab 3's server from outside: RESP requests over a real socket, replies checked byte for byte.
 * Keys and values are random (from the printed seed), so the suite also grades a shared server:
 * {@code ./lab grade 3 --server HOST:PORT}. It passes against a real {@code redis-server}, every test.
 */
@BlackBox(local = RespLocalServer.class)
@Points(2)
@Stage(lab = 3, value = 1)
class RespServerTest {

    @Test
    @Points(4)
    void pingOverResp(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.command("PING").expect("+PONG\r\n");
            String word = server.value();
            c.command("PING", word).expect(bulk(word));
        }
    }

    @Test
    @Points(4)
    void setThenGet(ServerUnderTest server) throws Exception {
        String key = server.key("greeting");
        String value = server.value();
        try (WireClient c = server.connect()) {
            c.command("SET", key, value).expect("+OK\r\n");
            c.command("GET", key).expect(bulk(value));
            c.command("GET", server.key("missing")).expect("$-1\r\n");
        }
    }

    @Test
    void emptyValueIsAnEmptyBulkNotNull(ServerUnderTest server) throws Exception {
        String key = server.key("empty");
        try (WireClient c = server.connect()) {
            c.send(resp("SET", key, ""), resp("GET", key)).expect("+OK\r\n", "$0\r\n\r\n");
        }
    }

    @Test
    @Points(3)
    void keysAndValuesAreBinarySafe(ServerUnderTest server) throws Exception {
        String key = server.key("bin") + "\r\n\0";
        String value = server.binary(64) + "\r\n";
        try (WireClient c = server.connect()) {
            c.send(resp("SET", key, value), resp("GET", key)).expect("+OK\r\n", bulk(value));
        }
    }

    @Test
    void delAndExistsCountKeys(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String b = server.key("b");
        try (WireClient c = server.connect()) {
            c.send(resp("SET", a, "1"), resp("SET", b, "2"), resp("EXISTS", a, a, b, server.key("none")),
                    resp("DEL", a, a, server.key("none")), resp("EXISTS", a, b))
                    .expect("+OK\r\n", "+OK\r\n", ":3\r\n", ":1\r\n", ":1\r\n");
        }
    }

    @Test
    void setOptionsNxXxAndGet(ServerUnderTest server) throws Exception {
        String key = server.key("opts");
        try (WireClient c = server.connect()) {
            c.send(resp("SET", key, "v1", "XX"), resp("SET", key, "v1", "NX"), resp("SET", key, "v2", "NX"),
                    resp("SET", key, "v3", "XX", "GET"), resp("GET", key))
                    .expect("$-1\r\n", "+OK\r\n", "$-1\r\n", "$2\r\nv1\r\n", "$2\r\nv3\r\n");
        }
    }

    @Test
    void ttlOfKeysWithAndWithoutExpiry(ServerUnderTest server) throws Exception {
        String key = server.key("session");
        TtlWindow window = TtlWindow.startingNow(Duration.ofSeconds(1000));
        try (WireClient c = server.connect()) {
            c.send(resp("SET", key, "v", "EX", "1000"), resp("TTL", key)).expect("+OK\r\n");
            window.expectTtl(c); // 1000, or 999 if half a second has passed since the SET was sent
            c.send(resp("PERSIST", key), resp("TTL", key), resp("TTL", server.key("missing")))
                    .expect(":1\r\n", ":-1\r\n", ":-2\r\n");
        }
    }

    @Test
    void expireInThePastDeletesTheKey(ServerUnderTest server) throws Exception {
        String key = server.key("gone");
        try (WireClient c = server.connect()) {
            c.send(resp("SET", key, "v"), resp("EXPIRE", key, "-1"), resp("GET", key), resp("EXISTS", key))
                    .expect("+OK\r\n", ":1\r\n", "$-1\r\n", ":0\r\n");
        }
    }

    @Test
    void optionAndIntegerErrorsUseRedisTexts(ServerUnderTest server) throws Exception {
        String key = server.key("err");
        try (WireClient c = server.connect()) {
            c.send(resp("SET", key, "v", "NX", "XX"), resp("SET", key, "v", "EX", "0"),
                    resp("SET", key, "v", "EX", "soon"), resp("EXPIRE", key, "soon"))
                    .expect("-ERR syntax error\r\n",
                            "-ERR invalid expire time in 'set' command\r\n",
                            "-ERR value is not an integer or out of range\r\n",
                            "-ERR value is not an integer or out of range\r\n");
        }
    }

    @Test
    void unknownCommandAndWrongArityUseRedisTexts(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(resp("FROBNICATE", "x", "y"), resp("GET"), resp("GET", "a", "b"), resp("ECHO"))
                    .expect("-ERR unknown command 'FROBNICATE', with args beginning with: 'x' 'y' \r\n",
                            "-ERR wrong number of arguments for 'get' command\r\n",
                            "-ERR wrong number of arguments for 'get' command\r\n",
                            "-ERR wrong number of arguments for 'echo' command\r\n");
        }
    }

    @Test
    void subcommandErrorsUseRedisTexts(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(resp("CONFIG", "GET"), resp("CONFIG", "FOO"), resp("COMMAND", "FOO"), resp("CONFIG"),
                    resp("COMMAND", "COUNT", "x"))
                    .expect("-ERR wrong number of arguments for 'config|get' command\r\n",
                            "-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n",
                            "-ERR unknown subcommand 'FOO'. Try COMMAND HELP.\r\n",
                            "-ERR wrong number of arguments for 'config' command\r\n",
                            "-ERR wrong number of arguments for 'command|count' command\r\n");
        }
    }

    @Test
    void configGetPortAnswersThePortInUse(ServerUnderTest server) throws Exception {
        String port = Integer.toString(server.port());
        try (WireClient c = server.connect()) {
            c.command("CONFIG", "GET", "port").expect("*2\r\n$4\r\nport\r\n" + bulk(port));
            c.command("CONFIG", "GET", "no-such-parameter").expect("*0\r\n");
        }
    }

    @Test
    @Points(4)
    void pipelinedRequestsAreAllAnsweredInOrder(ServerUnderTest server) throws Exception {
        List<Request> requests = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String key = server.key("p" + i);
            String value = server.value();
            requests.add(resp("SET", key, value));
            requests.add(resp("GET", key));
            replies.add("+OK\r\n");
            replies.add(bulk(value));
        }
        try (WireClient c = server.connect()) {
            c.send(requests.toArray(Request[]::new)).expect(replies.toArray(String[]::new));
        }
    }

    @Test
    @Points(3)
    void requestSplitAtEveryByteIsAnsweredOnce(ServerUnderTest server) throws Exception {
        String word = server.value();
        try (WireClient c = server.connect()) {
            c.sendByteByByte(resp("ECHO", word)).expect(bulk(word));
            c.command("PING").expect("+PONG\r\n");
        }
    }

    @Test
    void inlineCommandsStillWork(ServerUnderTest server) throws Exception {
        String key = server.key("inline");
        try (WireClient c = server.connect()) {
            c.send(inline("SET " + key + " \"a b\""), inline("GET " + key)).expect("+OK\r\n", "$3\r\na b\r\n");
        }
    }

    @Test
    @Points(3)
    void protocolErrorRepliesAfterEarlierRepliesThenCloses(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(resp("PING"), raw("*1\r\n+PING\r\n", "a multibulk whose argument is a simple string"), resp("PING"))
                    .expect("+PONG\r\n", "-ERR Protocol error: expected '$', got '+'\r\n").expectClosed();
        }
        assertServerStillServes(server);
    }

    @Test
    void malformedMultibulkLengthIsAProtocolError(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(raw("*abc\r\n", "*abc: a multibulk length that is not a number"))
                    .expect("-ERR Protocol error: invalid multibulk length\r\n").expectClosed();
        }
    }

    @Test
    void bulkLengthOver512MbIsAProtocolError(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(raw("*1\r\n$999999999\r\n", "a bulk string announced at 999999999 bytes"))
                    .expect("-ERR Protocol error: invalid bulk length\r\n").expectClosed();
        }
        assertServerStillServes(server);
    }

    @Test
    void multibulkCountAboveIntMaxIsRejectedAtOnce(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.send(raw("*2147483648\r\n", "a multibulk announcing 2^31 arguments, one more than INT_MAX"))
                    .expect("-ERR Protocol error: invalid multibulk length\r\n").expectClosed();
        }
    }

    @Test
    @Points(3)
    void clientVanishingMidBulkDoesNotDisturbTheNextClient(ServerUnderTest server) throws Exception {
        String key = server.key("half");
        try (WireClient c = server.connect()) {
            c.send(raw("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$100\r\nonly-part-of-it",
                    "SET with a 100-byte value of which 15 bytes arrive; then the client leaves"));
        }
        try (WireClient c = server.connect()) {
            c.command("EXISTS", key).expect(":0\r\n");
        }
    }

    private static void assertServerStillServes(ServerUnderTest server) throws Exception {
        try (WireClient c = server.connect()) {
            c.command("PING").expect("+PONG\r\n");
        }
    }
}
