package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab 3's server with what only its own tests can reach: the injected clock, and the replies
 * where our defaults are not a stock Redis's (CONFIG GET save, the size of the command table).
 * The behaviour every server shares is in {@link RespServerTest}, the black-box suite.
 */
@Stage(lab = 3, value = 1)
class RespServerInternalsTest {
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
    void aCountAboveIntMaxIsRejectedAndIntMaxItselfWaitsForItsArguments() throws Exception {
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send("*2147483648\r\n");
            assertThat(c.readUntilClosed()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
        }
        try (RawClient c = RawClient.connect(fx.port)) {
            // Accepted, as by Redis 7: the server waits for 2^31-1 arguments. The client gives up
            // after three; its half request is dropped and the next client is served.
            c.send("*2147483647\r\n$4\r\nPING\r\n$1\r\na\r\n$1\r\nb\r\n");
        }
        try (RawClient c = RawClient.connect(fx.port)) {
            c.send("PING\r\n");
            assertThat(c.read("+PONG\r\n")).isEqualTo("+PONG\r\n");
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
}
