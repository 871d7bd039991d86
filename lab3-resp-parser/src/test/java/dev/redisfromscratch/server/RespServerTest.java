package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lab 3's server over real sockets: RESP in, exact RESP bytes out. */
class RespServerTest {
    private RespServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new RespServerFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String resp(String... args) {
        return RespParityTest.resp(args);
    }

    @Test
    void setThenGetOverResp() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("SET", "key", "value"));
            assertThat(c.readLine()).isEqualTo("+OK\r\n");
            c.send(resp("GET", "key"));
            assertThat(c.read("$5\r\nvalue\r\n")).isEqualTo("$5\r\nvalue\r\n");
            c.send(resp("GET", "missing"));
            assertThat(c.readLine()).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void bulkValuesAreBinarySafe() throws Exception {
        String value = "a\r\nb\0c";
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("SET", "bin\r\nkey", value) + resp("GET", "bin\r\nkey"));
            assertThat(c.read("+OK\r\n$6\r\na\r\nb\0c\r\n")).isEqualTo("+OK\r\n$6\r\na\r\nb\0c\r\n");
        }
    }

    @Test
    void pipelinedRequestsAreAllAnsweredInOrder() throws Exception {
        StringBuilder pipeline = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            pipeline.append(resp("SET", "k" + i, "v" + i)).append(resp("GET", "k" + i));
            String v = "v" + i;
            expected.append("+OK\r\n$").append(v.length()).append("\r\n").append(v).append("\r\n");
        }
        pipeline.append(resp("EXISTS", "k0", "k1", "nope")).append(resp("DEL", "k0", "k0", "k1"));
        expected.append(":2\r\n:2\r\n");
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(pipeline.toString());
            assertThat(c.read(expected.toString())).isEqualTo(expected.toString());
        }
    }

    @Test
    void requestSplitAtEveryByteIsAnsweredOnce() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.sendByteByByte(resp("ECHO", "split"));
            assertThat(c.read("$5\r\nsplit\r\n")).isEqualTo("$5\r\nsplit\r\n");
        }
    }

    @Test
    void inlineCommandsStillWork() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send("SET k \"a b\"\r\nGET k\r\n");
            assertThat(c.read("+OK\r\n$3\r\na b\r\n")).isEqualTo("+OK\r\n$3\r\na b\r\n");
        }
    }

    @Test
    void expiryFollowsTheInjectedClock() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("SET", "session", "abc", "EX", "100"));
            assertThat(c.readLine()).isEqualTo("+OK\r\n");
            c.send(resp("TTL", "session"));
            assertThat(c.readLine()).isEqualTo(":100\r\n");
            fx.clock.advance(Duration.ofSeconds(100));
            // At the deadline itself the key still exists (Redis expires when now > deadline).
            c.send(resp("TTL", "session"));
            assertThat(c.readLine()).isEqualTo(":0\r\n");
            fx.clock.advance(Duration.ofMillis(1));
            c.send(resp("GET", "session") + resp("TTL", "session"));
            assertThat(c.read("$-1\r\n:-2\r\n")).isEqualTo("$-1\r\n:-2\r\n");
        }
    }

    @Test
    void protocolErrorRepliesAfterEarlierRepliesThenClosesAndServerKeepsServing() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("PING") + "*1\r\n+PING\r\n" + resp("PING"));
            assertThat(c.readUntilClosed()).isEqualTo("+PONG\r\n-ERR Protocol error: expected '$', got '+'\r\n");
        }
        try (RawClient c = RawClient.connect(fx.port)) {
            assertThat(c.send(resp("PING")).readLine()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void hugeHeadersAreRejectedWithoutAllocating() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send("*2147483647\r\n");
            assertThat(c.readUntilClosed()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
        }
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send("*1\r\n$999999999\r\n");
            assertThat(c.readUntilClosed()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
        }
    }

    @Test
    void clientVanishingMidBulkDoesNotDisturbTheNextClient() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\nonly-part-of-it");
        }
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("EXISTS", "k"));
            assertThat(c.readLine()).isEqualTo(":0\r\n");
        }
    }

    @Test
    void configGetAnswersWhatRedisBenchmarkAsks() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("CONFIG", "GET", "save") + resp("CONFIG", "GET", "appendonly") + resp("CONFIG", "GET", "nosuch"));
            String expected = "*2\r\n$4\r\nsave\r\n$0\r\n\r\n*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n*0\r\n";
            assertThat(c.read(expected)).isEqualTo(expected);
        }
    }

    @Test
    void configGetMatchesGlobPatterns() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("CONFIG", "GET", "PORT"));
            String port = Integer.toString(fx.port);
            String expected = "*2\r\n$4\r\nport\r\n$" + port.length() + "\r\n" + port + "\r\n";
            assertThat(c.read(expected)).isEqualTo(expected);
            c.send(resp("CONFIG", "GET", "app*"));
            assertThat(c.readLine()).isEqualTo("*2\r\n");
        }
    }

    @Test
    void commandCountAndDocsDescribeTheCommandTable() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("COMMAND", "COUNT"));
            String count = c.readLine();
            assertThat(count).matches(":\\d+\r\n");
            assertThat(Integer.parseInt(count.substring(1, count.length() - 2))).isGreaterThanOrEqualTo(13);
            c.send(resp("COMMAND", "DOCS", "get", "nosuch"));
            String expected = "*2\r\n$3\r\nget\r\n*8\r\n$7\r\nsummary\r\n";
            assertThat(c.read(expected)).isEqualTo(expected);
        }
    }

    @Test
    void subcommandErrorsMatchRedis() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send(resp("CONFIG", "GET") + resp("CONFIG", "FOO") + resp("COMMAND", "FOO") + resp("CONFIG")
                    + resp("COMMAND", "COUNT", "x"));
            assertThat(c.readLine()).isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR unknown subcommand 'FOO'. Try COMMAND HELP.\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR wrong number of arguments for 'config' command\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR wrong number of arguments for 'command|count' command\r\n");
        }
    }
}
