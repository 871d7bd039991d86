package dev.redisfromscratch.keys;

import dev.redisfromscratch.server.ParityServers;

import static dev.redisfromscratch.server.ParityServers.resp;
import static dev.redisfromscratch.server.ParityServers.text;
import static dev.redisfromscratch.server.ParityServers.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespInteger;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.store.DataStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SCAN. Our cursors are not Redis's numbers (the hash functions differ), so against a real
 * redis-server the tests compare what can be compared: the replies byte for byte where the cursor is
 * 0 on both sides (an empty or one-key database, the errors), the shape of every reply, and the set
 * of keys a full iteration returns. The guarantee (a key present throughout is returned while the
 * table grows and shrinks) and expiry are tested on our server alone.
 */
class ScanTest {
    private static ParityServers servers;
    private static RespClient ours;
    private static RespClient redis;

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start();
        ours = servers.ourClient();
        redis = servers.redisClient();
        for (RespClient c : List.of(ours, redis)) {
            c.call("SELECT", "2");
            for (int i = 0; i < 1000; i++) {
                c.call("SET", "key:" + i, "v");
            }
            c.call("SELECT", "10");
            c.call("SET", "only", "v");
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close(); // and the two connections
        }
    }

    /**
     * Requests whose replies have cursor 0 on both servers: an empty database, one key (found in one
     * step with the default COUNT; not with COUNT 1, which may stop on a cursor of its own first).
     */
    static Stream<String> byteForByte() {
        String empty = resp("SELECT", "9");
        String oneKey = resp("SELECT", "10");
        return Stream.of(
                empty + resp("SCAN", "0") + resp("SCAN", "-1") + resp("SCAN", "") + resp("SCAN", "+0") + resp("SCAN", "007")
                        + resp("SCAN", "18446744073709551615") + resp("SCAN", "-18446744073709551615") + resp("SCAN", "1\0x"),
                empty + resp("SCAN", " 1") + resp("SCAN", "1 ") + resp("SCAN", "1x") + resp("SCAN", "0x10") + resp("SCAN", "abc")
                        + resp("SCAN", "+") + resp("SCAN", "-") + resp("SCAN", "18446744073709551616")
                        + resp("SCAN", "-18446744073709551616") + resp("SCAN", "1.0") + resp("SCAN", "\t1"),
                empty + resp("SCAN", "0", "COUNT") + resp("SCAN", "0", "COUNT", "0") + resp("SCAN", "0", "COUNT", "-1")
                        + resp("SCAN", "0", "COUNT", "abc") + resp("SCAN", "0", "COUNT", "1.5") + resp("SCAN", "0", "MATCH")
                        + resp("SCAN", "0", "TYPE") + resp("SCAN", "0", "FOO", "bar") + resp("SCAN", "abc", "COUNT", "0")
                        + resp("SCAN", "0", "COUNT", "0", "FOO") + resp("SCAN", "0", "FOO", "COUNT", "0")
                        + resp("SCAN", "0", "COUNT", "99999999999999999999") + resp("SCAN"),
                empty + resp("SCAN", "0", "count", "5", "match", "*", "type", "string")
                        + resp("SCAN", "0", "COUNT", "9223372036854775807") + resp("SCAN", "0", "MATCH", "a", "MATCH", "b"),
                oneKey + resp("SCAN", "0") + resp("SCAN", "0", "TYPE", "string") + resp("SCAN", "0", "TYPE", "STRING")
                        + resp("SCAN", "0", "TYPE", "list") + resp("SCAN", "0", "TYPE", "none") + resp("SCAN", "0", "TYPE", "nosuchtype")
                        + resp("SCAN", "0", "MATCH", "o*") + resp("SCAN", "0", "MATCH", "x*"));
    }

    @ParameterizedTest
    @MethodSource("byteForByte")
    void repliesWithCursorZeroAndErrorsAreByteForByteRedis(String requests) throws Exception {
        servers.assertSameReplies(requests);
    }

    /** A full iteration, checking every reply's shape. */
    private static Set<String> scanAll(RespClient c, List<String> options, int[] calls) throws Exception {
        Set<String> keys = new TreeSet<>();
        String cursor = "0";
        do {
            List<String> args = new ArrayList<>(List.of("SCAN", cursor));
            args.addAll(options);
            RespValue reply = c.call(args.toArray(String[]::new));
            assertThat(reply).isInstanceOf(RespArray.class);
            RespArray pair = (RespArray) reply;
            assertThat(pair.size()).isEqualTo(2);
            assertThat(pair.get(0)).isInstanceOf(BulkString.class);
            cursor = text(pair.get(0));
            assertThat(cursor).matches("0|[1-9][0-9]*");
            assertThat(pair.get(1)).isInstanceOf(RespArray.class);
            ((RespArray) pair.get(1)).elements().forEach(e -> assertThat(e).isInstanceOf(BulkString.class));
            keys.addAll(texts(pair.get(1)));
            calls[0]++;
        } while (!cursor.equals("0"));
        return keys;
    }

    static Stream<List<String>> options() {
        return Stream.of(List.of(), List.of("COUNT", "1"), List.of("COUNT", "100"), List.of("COUNT", "5000"),
                List.of("MATCH", "key:1*"), List.of("MATCH", "key:[2-3]?", "COUNT", "3"), List.of("MATCH", "nope*"),
                List.of("TYPE", "string"), List.of("TYPE", "String", "COUNT", "50"), List.of("TYPE", "list"),
                List.of("TYPE", "none"), List.of("MATCH", "key:9*", "TYPE", "string", "COUNT", "20"));
    }

    @ParameterizedTest
    @MethodSource("options")
    void aFullIterationReturnsTheKeysRedisReturns(List<String> options) throws Exception {
        ours.call("SELECT", "2");
        redis.call("SELECT", "2");
        int[] ourCalls = {0};
        Set<String> expected = scanAll(redis, options, new int[1]);
        assertThat(scanAll(ours, options, ourCalls)).isEqualTo(expected);
        if (options.isEmpty() || options.equals(List.of("COUNT", "1"))) {
            assertThat(expected).hasSize(1000);
            assertThat(ourCalls[0]).as("calls for a full iteration").isGreaterThan(options.isEmpty() ? 50 : 500);
        }
    }

    @Test
    void keysPresentThroughoutAreReturnedWhileTheTableGrowsAndShrinks() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
                RespClient c = new RespClient("127.0.0.1", f.port)) {
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                c.call("SET", "stable:" + i, "v");
                stable.add("stable:" + i);
            }
            Set<String> returned = new HashSet<>();
            String cursor = "0";
            int step = 0;
            int added = 0;
            do {
                RespArray reply = (RespArray) c.call("SCAN", cursor, "COUNT", "5");
                cursor = text(reply.get(0));
                returned.addAll(texts(reply.get(1)));
                step++;
                if (step % 10 == 3 && added < 6000) {       // the table grows: several doublings over the scan
                    for (int i = 0; i < 1500; i++) {
                        c.call("SET", "churn:" + added++, "v");
                    }
                } else if (step % 10 == 8) {                // the new keys leave, and the cron shrinks the table
                    for (int i = 0; i < added; i++) {
                        c.call("DEL", "churn:" + i);
                    }
                    shrink(f);
                }
            } while (!cursor.equals("0"));

            assertThat(returned).containsAll(stable);
            assertThat(step).isGreaterThan(10);
        }
    }

    /** What the cron does when a table has emptied out (DataStore.tryResizeHashTables), now. */
    private static void shrink(IntegratedServerFixture f) {
        f.server.lock().lock();
        try {
            DataStore db = f.server.databases().db(0);
            db.tryResizeHashTables();
        } finally {
            f.server.lock().unlock();
        }
    }

    @Test
    void expiredKeysAreNotReturnedAndAreReclaimedOnTheWay() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
                RespClient c = new RespClient("127.0.0.1", f.port)) {
            for (int i = 0; i < 20; i++) {
                c.call("SET", "live:" + i, "v");
                c.call("SET", "short:" + i, "v", "PX", "1000");
            }
            f.clock.advance(Duration.ofSeconds(2)); // (the cron's active expiry may reclaim some meanwhile)

            Set<String> returned = new TreeSet<>();
            String cursor = "0";
            do {
                RespArray reply = (RespArray) c.call("SCAN", cursor);
                cursor = text(reply.get(0));
                returned.addAll(texts(reply.get(1)));
            } while (!cursor.equals("0"));

            assertThat(returned).hasSize(20).allMatch(k -> k.startsWith("live:"));
            assertThat(c.call("DBSIZE")).isEqualTo(new RespInteger(20));
        }
    }
}
