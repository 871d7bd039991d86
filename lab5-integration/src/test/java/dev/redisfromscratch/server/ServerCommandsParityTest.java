package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.blackbox.WireAssert;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lab 5's server commands against a real {@code redis-server} 7.0.15 (their {@code COMMAND INFO}
 * and {@code COMMAND DOCS} are in {@link CommandMetadataParityTest}): the same request bytes giving the same reply bytes, error paths
 * above all ({@code CLIENT}, {@code CONFIG SET}, {@code HELLO}, {@code AUTH}, {@code RESET}).
 * Each script ends with {@code QUIT}, so both servers close the connection; a script that changes
 * a parameter sets it back.
 */
class ServerCommandsParityTest {
    private static IntegratedServerFixture ours;
    private static RealRedis redis;
    private static RespClient ourClient;
    private static RespClient redisClient;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        ours = IntegratedServerFixture.start();
        ourClient = new RespClient("127.0.0.1", ours.port);
        redisClient = new RespClient("127.0.0.1", redis.port());
    }

    @AfterAll
    static void stop() throws Exception {
        ourClient.close();
        redisClient.close();
        ours.close();
        redis.close();
    }

    static String resp(String... args) {
        return new String(Request.resp(args).bytes(), StandardCharsets.ISO_8859_1);
    }

    static Stream<String> requests() {
        return Stream.of(
                // CLIENT
                resp("CLIENT", "GETNAME") + resp("CLIENT", "SETNAME", "a b") + resp("CLIENT", "SETNAME", "a\nb")
                        + resp("CLIENT", "SETNAME", "caf\u00e9") + resp("CLIENT", "SETNAME", "app-1")
                        + resp("CLIENT", "GETNAME") + resp("CLIENT", "SETNAME", "") + resp("CLIENT", "GETNAME"),
                resp("CLIENT", "KILL", "1.2.3.4:5") + resp("CLIENT", "KILL", "ID", "999999")
                        + resp("CLIENT", "KILL", "ID", "0") + resp("CLIENT", "KILL", "ID", "abc")
                        + resp("CLIENT", "KILL", "ID", "-3") + resp("CLIENT", "KILL", "TYPE", "foo", "ID", "1")
                        + resp("CLIENT", "KILL", "SKIPME", "maybe", "ID", "1") + resp("CLIENT", "KILL", "foo", "bar")
                        + resp("CLIENT", "KILL", "ID") + resp("CLIENT", "KILL", "ID", "999999", "SKIPME")
                        + resp("CLIENT", "KILL", "USER", "nobody", "ID", "1") + resp("CLIENT", "KILL", "ADDR", "1.2.3.4:5")
                        + resp("CLIENT", "KILL", "LADDR", "1.2.3.4:5", "SKIPME", "no")
                        + resp("CLIENT", "KILL", "USER", "default", "ID", "999999", "TYPE", "replica"),
                resp("CLIENT", "LIST", "TYPE", "foo") + resp("CLIENT", "LIST", "ID", "abc")
                        + resp("CLIENT", "LIST", "ID", "999999", "999998") + resp("CLIENT", "LIST", "foo")
                        + resp("CLIENT", "LIST", "TYPE") + resp("CLIENT", "LIST", "TYPE", "pubsub")
                        + resp("CLIENT", "LIST", "TYPE", "master") + resp("CLIENT", "LIST", "type", "SLAVE")
                        + resp("CLIENT", "LIST", "TYPE", "normal", "x"),
                resp("CLIENT") + resp("CLIENT", "FOO") + resp("CLIENT", "ID", "x") + resp("CLIENT", "HELP", "x")
                        + resp("CLIENT", "INFO", "x") + resp("CLIENT", "SETNAME") + resp("CLIENT", "KILL"),
                // CONFIG SET
                resp("CONFIG", "SET", "foo", "bar") + resp("CONFIG", "SET", "databases", "3")
                        + resp("CONFIG", "SET", "Databases", "2") + resp("CONFIG", "SET", "appendfilename", "x")
                        + resp("CONFIG", "SET", "dir", "/tmp") + resp("CONFIG", "SET", "dbfilename", "x.rdb"),
                resp("CONFIG", "SET", "timeout", "x") + resp("CONFIG", "SET", "timeout", "-1")
                        + resp("CONFIG", "SET", "timeout", "05") + resp("CONFIG", "SET", "timeout", " 5")
                        + resp("CONFIG", "SET", "TIMEOUT", "5.0") + resp("CONFIG", "SET", "maxclients", "0")
                        + resp("CONFIG", "SET", "maxclients", "-1") + resp("CONFIG", "SET", "maxclients", "4294967296")
                        + resp("CONFIG", "SET", "hz", "-5") + resp("CONFIG", "SET", "protected-mode", "maybe")
                        + resp("CONFIG", "SET", "appendonly", "maybe") + resp("CONFIG", "SET", "appendfsync", "sometimes")
                        + resp("CONFIG", "SET", "stop-writes-on-bgsave-error", "1"),
                resp("CONFIG", "SET", "save", "x") + resp("CONFIG", "SET", "save", "3600 1 300")
                        + resp("CONFIG", "SET", "save", "0 1") + resp("CONFIG", "SET", "save", "1 -1")
                        + resp("CONFIG", "SET", "save", "1  2") + resp("CONFIG", "SET", "save", " 1 2")
                        + resp("CONFIG", "SET", "save", "0x1 2") + resp("CONFIG", "SET", "save", "3600")
                        + resp("CONFIG", "SET", "save", "+1 2") + resp("CONFIG", "GET", "save")
                        + resp("CONFIG", "SET", "save", "1 99999999999999999999") + resp("CONFIG", "GET", "save")
                        + resp("CONFIG", "SET", "save", "3600 1 300 100") + resp("CONFIG", "GET", "save")
                        + resp("CONFIG", "SET", "save", "") + resp("CONFIG", "GET", "save"),
                resp("CONFIG", "SET", "proto-max-bulk-len", "10") + resp("CONFIG", "SET", "proto-max-bulk-len", "1x")
                        + resp("CONFIG", "SET", "proto-max-bulk-len", "") + resp("CONFIG", "SET", "proto-max-bulk-len", "-1mb")
                        + resp("CONFIG", "SET", "proto-max-bulk-len", "4gb") + resp("CONFIG", "GET", "proto-max-bulk-len")
                        + resp("CONFIG", "SET", "proto-max-bulk-len", "2G") + resp("CONFIG", "GET", "proto-max-bulk-len")
                        + resp("CONFIG", "SET", "proto-max-bulk-len", "512mb") + resp("CONFIG", "GET", "proto-max-bulk-len"),
                resp("CONFIG", "SET", "timeout", "1", "timeout", "2") + resp("CONFIG", "SET", "timeout", "1", "foo", "2")
                        + resp("CONFIG", "SET", "databases", "1", "foo", "2") + resp("CONFIG", "SET", "foo", "1", "databases", "2")
                        + resp("CONFIG", "SET", "timeout", "5", "maxclients", "0") + resp("CONFIG", "GET", "timeout")
                        + resp("CONFIG", "SET", "timeout") + resp("CONFIG", "SET", "a", "b", "c")
                        + resp("CONFIG", "SET", "timeout", "7", "hz", "20") + resp("CONFIG", "GET", "timeout")
                        + resp("CONFIG", "GET", "hz") + resp("CONFIG", "SET", "timeout", "0", "hz", "10"),
                resp("CONFIG", "SET", "hz", "1000") + resp("CONFIG", "GET", "hz") + resp("CONFIG", "SET", "hz", "0")
                        + resp("CONFIG", "GET", "hz") + resp("CONFIG", "SET", "hz", "10") + resp("CONFIG", "GET", "hz")
                        + resp("CONFIG", "SET", "protected-mode", "YES") + resp("CONFIG", "GET", "protected-mode")
                        + resp("CONFIG", "SET", "appendfsync", "EVERYSEC") + resp("CONFIG", "GET", "appendfsync")
                        + resp("CONFIG", "SET", "aof-load-truncated", "no") + resp("CONFIG", "GET", "aof-load-truncated")
                        + resp("CONFIG", "SET", "aof-load-truncated", "yes")
                        + resp("CONFIG", "SET", "maxclients", "5000") + resp("CONFIG", "GET", "maxclients")
                        + resp("CONFIG", "SET", "maxclients", "10000"),
                resp("CONFIG", "RESETSTAT", "x") + resp("CONFIG", "RESETSTAT") + resp("CONFIG", "FOO")
                        + resp("CONFIG", "HELP", "x"),
                // HELLO, AUTH, RESET with no password set
                resp("HELLO", "abc") + resp("HELLO", "4") + resp("HELLO", "1") + resp("HELLO", "-2")
                        + resp("HELLO", "2", "foo") + resp("HELLO", "2", "SETNAME") + resp("HELLO", "2", "AUTH", "default")
                        + resp("HELLO", "2", "SETNAME", "a b") + resp("HELLO", "2", "AUTH", "nobody", "x")
                        + resp("HELLO", "2", "AUTH", "Default", "x") + resp("HELLO", "2", "auth", "default", "x", "x"),
                resp("AUTH", "x") + resp("AUTH", "default", "x") + resp("AUTH", "nobody", "x")
                        + resp("AUTH", "a", "b", "c") + resp("AUTH"),
                resp("CLIENT", "SETNAME", "x") + resp("RESET") + resp("CLIENT", "GETNAME") + resp("RESET", "x"),
                resp("TIME", "x") + resp("INFO", "foo") + resp("INFO", "foo", "bar"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void repliesAreByteForByteRedis(String request) throws Exception {
        String quitting = request + resp("QUIT");
        WireAssert.sameReplies(quitting, RawClient.exchangeUntilClosed(redis.port(), quitting),
                RawClient.exchangeUntilClosed(ours.port, quitting));
    }

    @Test
    void helloTwoIsRedissReplyButForTheClientId() throws Exception {
        for (String request : new String[] {resp("HELLO"), resp("HELLO", "2"),
            resp("HELLO", "2", "AUTH", "default", "anything", "SETNAME", "n") + resp("CLIENT", "GETNAME")}) {
            String quitting = request + resp("QUIT");
            WireAssert.sameReplies(quitting, withoutIds(RawClient.exchangeUntilClosed(redis.port(), quitting)),
                    withoutIds(RawClient.exchangeUntilClosed(ours.port, quitting)));
        }
    }

    /** {@code HELLO}'s {@code id} entry, whose number differs between two servers. */
    private static String withoutIds(String replies) {
        return replies.replaceAll("\\$2\r\nid\r\n:\\d+\r\n", "\\$2\r\nid\r\n:ID\r\n");
    }

    @Test
    void helloThreeIsRefusedSoClientsFallBackToResp2() throws Exception {
        // Redis 7.0 switches to RESP3 here; this server speaks RESP2 only and answers as Redis does
        // for a version it does not know, which makes Lettuce and redis-py fall back.
        String quitting = resp("HELLO", "3") + resp("HELLO", "3", "AUTH", "default", "x") + resp("QUIT");
        assertThat(RawClient.exchangeUntilClosed(ours.port, quitting))
                .isEqualTo("-NOPROTO unsupported protocol version\r\n-NOPROTO unsupported protocol version\r\n+OK\r\n");
    }

    @Test
    void timeIsTwoBulkStringsOfSecondsAndMicrosecondsFromTheServersClock() throws Exception {
        String redisTime = RawClient.exchangeUntilClosed(redis.port(), resp("TIME") + resp("QUIT"));
        String ourTime = RawClient.exchangeUntilClosed(ours.port, resp("TIME") + resp("QUIT"));
        String shape = "\\*2\r\n\\$10\r\n\\d{10}\r\n\\$\\d\r\n\\d{1,6}\r\n\\+OK\r\n";
        assertThat(redisTime).matches(shape);
        assertThat(ourTime).matches(shape);
        long micros = ours.clock.millis() * 1000; // the fixture's ManualClock stands still
        assertThat(ourTime).isEqualTo("*2\r\n$10\r\n" + micros / 1_000_000 + "\r\n$" + Long.toString(micros % 1_000_000).length()
                + "\r\n" + micros % 1_000_000 + "\r\n+OK\r\n");
    }

    @Test
    void configHelpIsRedissWithoutRewriteWhichThereIsNoFileFor() throws Exception {
        String redisHelp = RawClient.exchangeUntilClosed(redis.port(), resp("CONFIG", "HELP") + resp("QUIT"));
        String ourHelp = RawClient.exchangeUntilClosed(ours.port, resp("config", "help") + resp("QUIT"));
        assertThat(ourHelp).isEqualTo(redisHelp.replace("*11\r\n", "*9\r\n")
                .replace("+REWRITE\r\n+    Rewrite the configuration file.\r\n", ""));
    }

    @Test
    void clientHelpHasRedissLinesForTheSubcommandsWeHave() throws Exception {
        String redisHelp = RawClient.exchangeUntilClosed(redis.port(), resp("CLIENT", "HELP") + resp("QUIT"));
        String ourHelp = RawClient.exchangeUntilClosed(ours.port, resp("CLIENT", "HELP") + resp("QUIT"));
        String[] ourLines = ourHelp.split("\r\n");
        assertThat(ourLines[0]).isEqualTo("*29");
        assertThat(ourLines[1]).isEqualTo("+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        assertThat(java.util.List.of(redisHelp.split("\r\n"))).containsSubsequence(
                java.util.Arrays.asList(ourLines).subList(1, ourLines.length));
    }
}
