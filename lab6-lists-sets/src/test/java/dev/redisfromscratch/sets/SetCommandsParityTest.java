package dev.redisfromscratch.sets;

import static dev.redisfromscratch.server.ParityServers.resp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.server.ParityServers;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The set commands against a real redis-server 7.0.15.
 *
 * <p>Byte for byte, where the reply's order is fixed: integer replies, errors (arity, numbers,
 * options, WRONGTYPE both ways), and members of intsets, which both servers keep in ascending
 * order. Unordered replies (SMEMBERS of a string set, SUNION, SDIFF, SINTER, SPOP, SRANDMEMBER) are
 * compared as sets, or by their properties where Redis's reply is random. OBJECT ENCODING is
 * compared only where 7.0 and 7.2 agree (intset, and hashtable for big sets); the listpack rules
 * are {@link SetEncodingTest}'s. Each case cleans up its keys.
 */
@Stage(lab = 6, value = 2)
class SetCommandsParityTest {
    private static ParityServers servers;
    private static RespClient ours;
    private static RespClient redis;

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start(ListsSetsServer.extensions());
        ours = servers.ourClient();
        redis = servers.redisClient();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close(); // and the two connections
        }
    }

    static Stream<String> requests() {
        return Stream.of(
                // SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS of an intset (ascending in both)
                resp("SADD", "s", "3", "1", "2", "1") + resp("SADD", "s", "2") + resp("SCARD", "s")
                        + resp("SMEMBERS", "s") + resp("SISMEMBER", "s", "2") + resp("SISMEMBER", "s", "02")
                        + resp("SISMEMBER", "s", "x") + resp("SMISMEMBER", "s", "1", "9", "+1", "3")
                        + resp("SREM", "s", "1", "9", "001") + resp("SMEMBERS", "s") + resp("OBJECT", "ENCODING", "s")
                        + resp("SREM", "s", "2", "3", "4") + resp("EXISTS", "s") + resp("SCARD", "s"),
                resp("SADD", "n", "-5", "70000", "-9223372036854775808", "9223372036854775807", "0", "-0", "007")
                        + resp("SCARD", "n") + resp("SISMEMBER", "n", "-9223372036854775808")
                        + resp("SISMEMBER", "n", "-0") + resp("SISMEMBER", "n", "0") + resp("DEL", "n"),
                resp("SADD", "i", "1", "2", "3") + resp("SMEMBERS", "i") + resp("OBJECT", "ENCODING", "i")
                        + resp("SADD", "i", "70000") + resp("SMEMBERS", "i") + resp("OBJECT", "ENCODING", "i")
                        + resp("SADD", "i", "-3000000000") + resp("SMEMBERS", "i") + resp("DEL", "i"),
                resp("SCARD", "missing") + resp("SISMEMBER", "missing", "a") + resp("SMISMEMBER", "missing", "a", "b")
                        + resp("SMEMBERS", "missing") + resp("SREM", "missing", "a") + resp("SRANDMEMBER", "missing")
                        + resp("SRANDMEMBER", "missing", "5") + resp("SRANDMEMBER", "missing", "-5")
                        + resp("SPOP", "missing") + resp("SPOP", "missing", "3") + resp("SPOP", "missing", "0")
                        + resp("SINTER", "missing") + resp("SUNION", "missing") + resp("SDIFF", "missing")
                        + resp("SINTERCARD", "1", "missing") + resp("SSCAN", "missing", "0")
                        + resp("SSCAN", "missing", "0", "COUNT", "0") + resp("SMOVE", "missing", "d", "a"),
                // arity and syntax
                resp("SADD", "s") + resp("SREM", "s") + resp("SCARD") + resp("SISMEMBER", "s")
                        + resp("SMISMEMBER", "s") + resp("SMEMBERS") + resp("SPOP") + resp("SRANDMEMBER")
                        + resp("SINTER") + resp("SINTERSTORE", "d") + resp("SINTERCARD", "1") + resp("SUNION")
                        + resp("SDIFFSTORE", "d") + resp("SMOVE", "a", "b") + resp("SSCAN", "s")
                        + resp("SPOP", "s", "1", "2") + resp("SRANDMEMBER", "s", "1", "2"),
                // counts
                resp("SADD", "c", "1") + resp("SPOP", "c", "-1") + resp("SPOP", "c", "x") + resp("SPOP", "missing", "-1")
                        + resp("SRANDMEMBER", "c", "x") + resp("SRANDMEMBER", "c", "-9223372036854775808")
                        + resp("SRANDMEMBER", "c", "9223372036854775808") + resp("SRANDMEMBER", "c", "0")
                        + resp("SRANDMEMBER", "c", "-3") + resp("SRANDMEMBER", "c", "3") + resp("SRANDMEMBER", "c")
                        + resp("SPOP", "c", "0") + resp("SCARD", "c") + resp("SPOP", "c") + resp("EXISTS", "c")
                        + resp("SADD", "c", "5", "6") + resp("SPOP", "c", "2") + resp("EXISTS", "c"),
                // WRONGTYPE both ways
                resp("SET", "str", "v") + resp("SADD", "str", "a") + resp("SREM", "str", "a") + resp("SCARD", "str")
                        + resp("SISMEMBER", "str", "a") + resp("SMISMEMBER", "str", "a") + resp("SMEMBERS", "str")
                        + resp("SPOP", "str") + resp("SPOP", "str", "0") + resp("SPOP", "str", "-1")
                        + resp("SRANDMEMBER", "str") + resp("SRANDMEMBER", "str", "0")
                        + resp("SINTER", "missing", "str") + resp("SUNION", "missing", "str") + resp("SDIFF", "missing", "str")
                        + resp("SINTERSTORE", "d", "missing", "str") + resp("SUNIONSTORE", "d", "str")
                        + resp("SDIFFSTORE", "d", "missing", "str") + resp("SINTERCARD", "2", "missing", "str")
                        + resp("SSCAN", "str", "0") + resp("SSCAN", "str", "0", "COUNT", "0") + resp("SSCAN", "str", "x")
                        + resp("SADD", "set", "1") + resp("GET", "set") + resp("APPEND", "set", "x")
                        + resp("TYPE", "set") + resp("TYPE", "str")
                        + resp("SMOVE", "missing", "str", "1") + resp("SMOVE", "set", "str", "1")
                        + resp("SMOVE", "str", "set", "1") + resp("DEL", "str", "set"),
                // SINTERCARD
                resp("SADD", "a", "1", "2", "3", "4") + resp("SADD", "b", "2", "3", "4", "5") + resp("SADD", "e", "x")
                        + resp("SINTERCARD", "2", "a", "b") + resp("SINTERCARD", "2", "a", "b", "LIMIT", "2")
                        + resp("SINTERCARD", "2", "a", "b", "limit", "0") + resp("SINTERCARD", "1", "a")
                        + resp("SINTERCARD", "2", "a", "a") + resp("SINTERCARD", "2", "a", "e")
                        + resp("SINTERCARD", "x", "a") + resp("SINTERCARD", "0", "a") + resp("SINTERCARD", "-1", "a")
                        + resp("SINTERCARD", "3", "a", "b") + resp("SINTERCARD", "1", "a", "LIMIT", "-1")
                        + resp("SINTERCARD", "1", "a", "LIMIT", "x") + resp("SINTERCARD", "1", "a", "LIMIT")
                        + resp("SINTERCARD", "1", "a", "FOO", "1") + resp("SINTERCARD", "1", "missing", "LIMIT", "x")
                        + resp("DEL", "a", "b", "e"),
                // the STORE forms on integers: the results are intsets, ascending in both
                resp("SADD", "a", "1", "2", "3", "4") + resp("SADD", "b", "3", "4", "5")
                        + resp("SINTERSTORE", "d", "a", "b") + resp("SMEMBERS", "d") + resp("OBJECT", "ENCODING", "d")
                        + resp("SUNIONSTORE", "d", "a", "b") + resp("SMEMBERS", "d")
                        + resp("SDIFFSTORE", "d", "a", "b") + resp("SMEMBERS", "d") + resp("SDIFFSTORE", "d", "b", "a")
                        + resp("SMEMBERS", "d") + resp("SDIFFSTORE", "d", "a", "a") + resp("EXISTS", "d")
                        + resp("SINTER", "a", "b") + resp("SDIFF", "a", "b", "missing") + resp("SUNION", "missing", "b")
                        + resp("SET", "d", "string") + resp("SINTERSTORE", "d", "a", "missing") + resp("EXISTS", "d")
                        + resp("SET", "d", "string", "PXAT", "4102444800000") + resp("SUNIONSTORE", "d", "a")
                        + resp("TYPE", "d") + resp("PTTL", "d") + resp("SINTERSTORE", "d", "missing") + resp("EXISTS", "d")
                        + resp("SUNIONSTORE", "d", "missing") + resp("DEL", "a", "b", "d"),
                // SMOVE
                resp("SADD", "src", "1", "2") + resp("SMOVE", "src", "dst", "1") + resp("SMOVE", "src", "dst", "9")
                        + resp("SMEMBERS", "dst") + resp("SMOVE", "src", "src", "2") + resp("SMOVE", "src", "src", "3")
                        + resp("SADD", "dst", "2") + resp("SMOVE", "src", "dst", "2") + resp("EXISTS", "src")
                        + resp("SMEMBERS", "dst") + resp("SMOVE", "dst", "new", "x") + resp("DEL", "dst", "new"),
                // SSCAN of an intset: everything, cursor 0
                resp("SADD", "sc", "10", "2", "33", "4") + resp("SSCAN", "sc", "0") + resp("SSCAN", "sc", "17")
                        + resp("SSCAN", "sc", "0", "MATCH", "3*") + resp("SSCAN", "sc", "0", "COUNT", "1")
                        + resp("SSCAN", "sc", "0", "match", "*", "count", "2") + resp("SSCAN", "sc", "x")
                        + resp("SSCAN", "sc", "-1") + resp("SSCAN", "sc", "") + resp("SSCAN", "sc", "0", "COUNT", "0")
                        + resp("SSCAN", "sc", "0", "COUNT", "x") + resp("SSCAN", "sc", "0", "TYPE", "set")
                        + resp("SSCAN", "sc", "0", "MATCH") + resp("SSCAN", "sc", "0", "FOO", "1")
                        + resp("DEL", "sc"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    @Points(1)
    void repliesAreRedis(String requests) throws Exception {
        servers.assertSameReplies(requests);
    }

    @Test
    @Points(1)
    void unorderedRepliesHoldTheSameMembers() throws Exception {
        for (RespClient c : List.of(ours, redis)) {
            c.call("SADD", "u1", "a", "b", "c", "1");
            c.call("SADD", "u2", "b", "c", "d");
            c.call("SADD", "u3", "c", "x");
        }
        for (String[] command : List.of(
                new String[] {"SMEMBERS", "u1"}, new String[] {"SINTER", "u1", "u2"},
                new String[] {"SINTER", "u1", "u2", "u3"}, new String[] {"SUNION", "u1", "u2", "u3"},
                new String[] {"SDIFF", "u1", "u2"}, new String[] {"SDIFF", "u1", "u2", "u3"},
                new String[] {"SRANDMEMBER", "u1", "10"}, new String[] {"SSCAN", "u1", "0"})) {
            assertThat(members(ours.call(command))).as(String.join(" ", command)).isEqualTo(members(redis.call(command)));
        }
        for (String[] store : List.of(new String[] {"SINTERSTORE", "d", "u1", "u2"},
                new String[] {"SUNIONSTORE", "d", "u1", "u2", "u3"}, new String[] {"SDIFFSTORE", "d", "u1", "u2"})) {
            assertThat(ours.call(store)).isEqualTo(redis.call(store));
            assertThat(members(ours.call("SMEMBERS", "d"))).isEqualTo(members(redis.call("SMEMBERS", "d")));
        }
        for (RespClient c : List.of(ours, redis)) {
            c.call("DEL", "u1", "u2", "u3", "d");
        }
    }

    @Test
    @Points(1)
    void randomRepliesHaveRedisProperties() throws Exception {
        String[] members = {"a", "b", "c", "d", "e", "1", "2"};
        Set<String> all = Set.of(members);
        List<String> add = new ArrayList<>(List.of("SADD", "r"));
        add.addAll(List.of(members));
        ours.call(add.toArray(String[]::new));
        for (int round = 0; round < 20; round++) {
            List<String> positive = ParityServers.texts(ours.call("SRANDMEMBER", "r", "4"));
            assertThat(positive).hasSize(4).doesNotHaveDuplicates();
            assertThat(all).containsAll(positive);
            List<String> negative = ParityServers.texts(ours.call("SRANDMEMBER", "r", "-20"));
            assertThat(negative).hasSize(20);
            assertThat(all).containsAll(negative);
            assertThat(all).contains(ParityServers.text(ours.call("SRANDMEMBER", "r")));
        }
        List<String> seen = new ArrayList<>(ParityServers.texts(ours.call("SPOP", "r", "3")));
        seen.add(ParityServers.text(ours.call("SPOP", "r")));
        seen.addAll(ParityServers.texts(ours.call("SPOP", "r", "100")));
        assertThat(seen).hasSize(members.length).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(all);
        assertThat(ours.call("EXISTS", "r")).isEqualTo(redis.call("EXISTS", "r"));
    }

    @Test
    @Points(1)
    void negativeCountsRepeatMembers() throws Exception {
        ours.call("SADD", "one", "only");
        assertThat(ParityServers.texts(ours.call("SRANDMEMBER", "one", "-5"))).containsExactly("only", "only", "only", "only", "only");
        ours.call("DEL", "one");
    }

    @Test
    @Points(1)
    void bigSetsAreHashtablesInBothAndScanReturnsEveryMember() throws Exception {
        List<String> add = new ArrayList<>(List.of("SADD", "big"));
        for (int i = 0; i < 1000; i++) {
            add.add("m" + i);
        }
        for (RespClient c : List.of(ours, redis)) {
            c.call(add.toArray(String[]::new));
        }
        assertThat(ours.call("OBJECT", "ENCODING", "big")).isEqualTo(redis.call("OBJECT", "ENCODING", "big"));
        assertThat(members(ours.call("SMEMBERS", "big"))).isEqualTo(members(redis.call("SMEMBERS", "big")));
        Set<String> scanned = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            RespArray step = (RespArray) ours.call("SSCAN", "big", cursor, "COUNT", "50");
            cursor = ParityServers.text(step.get(0));
            scanned.addAll(ParityServers.texts(step.get(1)));
            calls++;
        } while (!cursor.equals("0"));
        assertThat(calls).isGreaterThan(1);
        assertThat(scanned).hasSize(1000);
        Set<String> matched = new HashSet<>();
        cursor = "0";
        do {
            RespArray step = (RespArray) ours.call("SSCAN", "big", cursor, "MATCH", "m1?");
            cursor = ParityServers.text(step.get(0));
            matched.addAll(ParityServers.texts(step.get(1)));
        } while (!cursor.equals("0"));
        assertThat(matched).hasSize(10);
        for (RespClient c : List.of(ours, redis)) {
            c.call("DEL", "big");
        }
    }

    private static Set<String> members(RespValue reply) {
        RespArray array = (RespArray) reply;
        if (array.size() == 2 && array.get(1) instanceof RespArray inner) {
            return new HashSet<>(ParityServers.texts(inner)); // SSCAN
        }
        return new HashSet<>(ParityServers.texts(array));
    }
}
