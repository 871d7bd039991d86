package dev.redisfromscratch.server;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.WireAssert;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bytes to lab 3's server and to a real {@code redis-server}; the replies must be the same
 * bytes. Each request is followed by {@code QUIT} (every case uses its own keys), so both servers end the exchange by closing the connection.
 */
@Stage(lab = 3, value = 1)
class RespParityTest {
    private static RespServerFixture ours;
    private static RealRedis redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        ours = new RespServerFixture();
    }

    @AfterAll
    static void stop() {
        if (ours != null) {
            ours.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The multibulk a client sends for {@code args}. */
    static String resp(String... args) {
        return new String(dev.redisfromscratch.testkit.blackbox.Request.resp(args).bytes(), StandardCharsets.ISO_8859_1);
    }

    static Stream<String> requests() {
        return Stream.of(
                resp("PING"),
                resp("PING", "hello"),
                resp("PING", "a", "b"),
                resp("ECHO", "bin\r\n\0ary"),
                resp("SET", "p:1", "v") + resp("GET", "p:1") + resp("DEL", "p:1", "p:1") + resp("GET", "p:1"),
                resp("SET", "p:2", "v", "NX") + resp("SET", "p:2", "w", "NX") + resp("SET", "p:2", "w", "XX") + resp("GET", "p:2"),
                resp("SET", "p:3", "v", "XX") + resp("GET", "p:3"),
                resp("SET", "p:4", "v", "NX", "XX"),
                resp("SET", "p:4", "v", "EX"),
                resp("SET", "p:4", "v", "EX", "0"),
                resp("SET", "p:4", "v", "EX", "-5"),
                resp("SET", "p:4", "v", "EX", "abc"),
                resp("SET", "p:4", "v", "PX", "0"),
                resp("SET", "p:4", "v", "FOO"),
                resp("SET", "p:5", "v", "EX", "100") + resp("TTL", "p:5") + resp("SET", "p:5", "w") + resp("TTL", "p:5"),
                resp("EXPIRE", "p:missing", "10") + resp("TTL", "p:missing"),
                resp("SET", "p:6", "v") + resp("EXPIRE", "p:6", "-1") + resp("EXISTS", "p:6"),
                resp("SET", "p:7", "v") + resp("EXPIRE", "p:7", "abc") + resp("TTL", "p:7"),
                resp("EXISTS", "p:8", "p:8") + resp("SET", "p:8", "v") + resp("EXISTS", "p:8", "p:8", "nope"),
                resp("GET"),
                resp("GET", "a", "b"),
                resp("SET", "k"),
                resp("TTL"),
                resp("DEL"),
                resp("FROBNICATE", "x", "y"),
                resp("CONFIG", "GET"),
                resp("CONFIG", "GET", "appendonly"),
                resp("CONFIG", "NOPE"),
                resp("COMMAND", "COUNT", "extra"),
                "*0\r\n*-1\r\n" + resp("PING"),
                "PING\r\nSET p:9 \"a b\"\r\nGET p:9\r\n",
                "*abc\r\n",
                "*1\r\n$xyz\r\n",
                "*1\r\n$-2\r\n",
                "*1\r\n$536870913\r\n",
                "*1\r\n+PING\r\n",
                "*2147483648\r\n",
                "*-0\r\n",
                "*01\r\n$4\r\nPING\r\n",
                "SET k \"abc\r\n");
    }

    @ParameterizedTest
    @MethodSource("requests")
    void repliesAreByteForByteRedis(String request) throws Exception {
        String quitting = request + resp("QUIT");
        WireAssert.sameReplies(quitting, RawClient.exchangeUntilClosed(redis.port(), quitting),
                RawClient.exchangeUntilClosed(ours.port, quitting));
    }
}
