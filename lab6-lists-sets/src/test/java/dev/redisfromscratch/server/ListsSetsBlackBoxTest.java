package dev.redisfromscratch.server;

import static dev.redisfromscratch.testkit.blackbox.Reply.bulk;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.blackbox.ServerUnderTest;
import dev.redisfromscratch.testkit.blackbox.WireClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Lab 6 from outside, byte for byte, as any server with lists and sets must answer: the list
 * commands (stage 1), the set commands (stage 2) and the blocking pops (stage 3), with their key
 * errors, {@code WRONGTYPE} between strings, lists and sets both ways, and the rule that a list or
 * set emptied by any command loses its key. {@code ./lab grade 6 --server HOST:PORT} and the grader
 * jar run it against any implementation, and it passes against a real {@code redis-server}.
 *
 * <p>Set replies come in an order each server chooses, so only replies with one member are compared
 * whole; larger results are checked through {@code SCARD} and {@code SMISMEMBER}. The blocking tests
 * use the real clock (a 0.1 s timeout, never a sleep) and wait for a client to be blocked by reading
 * {@code blocked_clients} in {@code INFO clients}, as Redis's own tests do. Keys are named per run,
 * so a shared server is safe.
 */
@BlackBox(local = ListsSetsLocalServer.class)
class ListsSetsBlackBoxTest {
    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    private static final Pattern BLOCKED_CLIENTS = Pattern.compile("\r\nblocked_clients:(\\d+)\r\n");
    /** How long a test waits for a client to show in {@code blocked_clients}. */
    private static final Duration BLOCK_WAIT = Duration.ofSeconds(5);

    /** An array reply of bulk strings: {@code *<n>\r\n} then n bulks. */
    private static String array(String... bulks) {
        StringBuilder sb = new StringBuilder("*").append(bulks.length).append("\r\n");
        for (String b : bulks) {
            sb.append(bulk(b));
        }
        return sb.toString();
    }

    /** @return {@code blocked_clients} of {@code INFO clients}: how many clients wait in a blocking command */
    private static int blockedClients(WireClient c) throws IOException {
        c.command("INFO", "clients");
        String info = c.expectBulkReply();
        Matcher m = BLOCKED_CLIENTS.matcher("\r\n" + info);
        if (!m.find()) {
            throw new AssertionError("INFO clients has no blocked_clients field (Redis: server.c, genRedisInfoString); got:\n" + info);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Asks {@code INFO clients} until {@code blocked_clients} is {@code n}: each ask is a round trip,
     * so this waits on the server, never on a sleep.
     *
     * @throws AssertionError if it is not {@code n} within {@link #BLOCK_WAIT}
     */
    private static void awaitBlockedClients(WireClient c, int n) throws IOException {
        long deadline = System.nanoTime() + BLOCK_WAIT.toNanos();
        int seen;
        while ((seen = blockedClients(c)) != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("INFO clients: expected blocked_clients:" + n + " within " + BLOCK_WAIT.toSeconds()
                        + " s, it stayed at " + seen + "\n  hint: a client waiting in BLPOP counts as blocked (Redis: "
                        + "blocked.c, blockClient) until it is served, times out or disconnects");
            }
        }
    }

    // ---------------------------------------------------------------- stage 1: lists

    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void pushesAndRangesKeepRedisOrder(ServerUnderTest server) throws Exception {
        String k = server.key("list");
        String none = server.key("none");
        String binary = server.binary(12);
        try (WireClient c = server.connect()) {
            c.command("LPUSH", k, "a", "b", "c").expect(":3\r\n"); // one at a time to the head: c b a
            c.command("RPUSH", k, "d").expect(":4\r\n");
            c.command("TYPE", k).expect("+list\r\n");
            c.command("LRANGE", k, "0", "-1").expect(array("c", "b", "a", "d"));
            c.command("LRANGE", k, "-2", "-1").expect(array("a", "d"));
            c.command("LRANGE", k, "-100", "100").expect(array("c", "b", "a", "d"));
            c.command("LRANGE", k, "2", "1").expect("*0\r\n");
            c.command("LRANGE", k, "0", "x").expect("-ERR value is not an integer or out of range\r\n");
            c.command("LLEN", k).expect(":4\r\n");
            c.command("LINDEX", k, "0").expect(bulk("c"));
            c.command("LINDEX", k, "-1").expect(bulk("d"));
            c.command("LINDEX", k, "9").expect("$-1\r\n");
            c.command("LINDEX", k, "x").expect("-ERR value is not an integer or out of range\r\n");
            c.command("LPUSHX", none, "a").expect(":0\r\n");
            c.command("EXISTS", none).expect(":0\r\n");
            c.command("LRANGE", none, "0", "-1").expect("*0\r\n");
            c.command("LLEN", none).expect(":0\r\n");
            c.command("RPUSHX", k, binary).expect(":5\r\n");
            c.command("RPOP", k).expect(bulk(binary));
            c.command("DEL", k).expect(":1\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void popsTakeFromEitherEndWithOrWithoutACount(ServerUnderTest server) throws Exception {
        String k = server.key("pops");
        try (WireClient c = server.connect()) {
            c.command("RPUSH", k, "a", "b", "c", "d", "e", "f").expect(":6\r\n");
            c.command("LPOP", k).expect(bulk("a"));
            c.command("RPOP", k).expect(bulk("f"));
            c.command("LPOP", k, "2").expect(array("b", "c"));
            c.command("RPOP", k, "0").expect("*0\r\n");
            c.command("LPOP", k, "-1").expect("-ERR value is out of range, must be positive\r\n");
            c.command("RPOP", k, "5").expect(array("e", "d")); // tail first
            c.command("EXISTS", k).expect(":0\r\n");
            c.command("LPOP", k).expect("$-1\r\n");
            c.command("LPOP", k, "2").expect("*-1\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void editsInsideAListAnswerAsRedis(ServerUnderTest server) throws Exception {
        String k = server.key("edit");
        String none = server.key("none");
        try (WireClient c = server.connect()) {
            c.command("RPUSH", k, "a", "b", "c", "a", "b").expect(":5\r\n");
            c.command("LSET", k, "1", "B").expect("+OK\r\n");
            c.command("LSET", k, "-1", "z").expect("+OK\r\n");
            c.command("LSET", k, "9", "x").expect("-ERR index out of range\r\n");
            c.command("LSET", none, "0", "x").expect("-ERR no such key\r\n");
            c.command("LINSERT", k, "BEFORE", "c", "x").expect(":6\r\n");
            c.command("LINSERT", k, "AFTER", "nothere", "x").expect(":-1\r\n");
            c.command("LINSERT", none, "BEFORE", "a", "x").expect(":0\r\n");
            c.command("LINSERT", k, "MIDDLE", "c", "x").expect("-ERR syntax error\r\n");
            c.command("LRANGE", k, "0", "-1").expect(array("a", "B", "x", "c", "a", "z"));
            c.command("LREM", k, "-1", "a").expect(":1\r\n"); // from the tail: the second a
            c.command("LREM", k, "0", "nothere").expect(":0\r\n");
            c.command("LREM", k, "0", "x").expect(":1\r\n");
            c.command("LRANGE", k, "0", "-1").expect(array("a", "B", "c", "z"));
            c.command("LTRIM", k, "1", "-2").expect("+OK\r\n");
            c.command("LRANGE", k, "0", "-1").expect(array("B", "c"));
            c.command("LTRIM", none, "0", "1").expect("+OK\r\n");
            c.command("DEL", k).expect(":1\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void lposFindsMatchesByRankCountAndMaxlen(ServerUnderTest server) throws Exception {
        String k = server.key("lpos");
        try (WireClient c = server.connect()) {
            c.command("RPUSH", k, "a", "b", "c", "a", "b").expect(":5\r\n");
            c.command("LPOS", k, "b").expect(":1\r\n");
            c.command("LPOS", k, "b", "RANK", "2").expect(":4\r\n");
            c.command("LPOS", k, "b", "RANK", "-1").expect(":4\r\n");
            c.command("LPOS", k, "b", "COUNT", "0").expect("*2\r\n:1\r\n:4\r\n");
            c.command("LPOS", k, "a", "RANK", "-1", "COUNT", "2").expect("*2\r\n:3\r\n:0\r\n");
            c.command("LPOS", k, "b", "COUNT", "1", "MAXLEN", "1").expect("*0\r\n");
            c.command("LPOS", k, "z").expect("$-1\r\n");
            c.command("LPOS", k, "b", "RANK", "0").expect("-ERR RANK can't be zero: use 1 to start from the first match, "
                    + "2 from the second ... or use negative to start from the end of the list\r\n");
            c.command("LPOS", server.key("none"), "a").expect("$-1\r\n");
            c.command("DEL", k).expect(":1\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void lmoveAndLmpopMoveElementsBetweenLists(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String b = server.key("b");
        String none = server.key("none");
        try (WireClient c = server.connect()) {
            c.command("RPUSH", a, "1", "2", "3").expect(":3\r\n");
            c.command("LMOVE", a, a, "RIGHT", "LEFT").expect(bulk("3")); // one list: a rotation
            c.command("LRANGE", a, "0", "-1").expect(array("3", "1", "2"));
            c.command("LMOVE", a, b, "LEFT", "RIGHT").expect(bulk("3"));
            c.command("LMOVE", none, b, "LEFT", "LEFT").expect("$-1\r\n");
            c.command("LMOVE", a, b, "LEFT", "UP").expect("-ERR syntax error\r\n");
            c.command("RPOPLPUSH", a, b).expect(bulk("2"));
            c.command("LRANGE", b, "0", "-1").expect(array("2", "3"));
            c.command("LMPOP", "2", none, a, "LEFT", "COUNT", "5").expect("*2\r\n" + bulk(a) + array("1"));
            c.command("EXISTS", a).expect(":0\r\n");
            c.command("LMPOP", "1", none, "LEFT").expect("*-1\r\n");
            c.command("LMPOP", "2", none, b, "RIGHT").expect("*2\r\n" + bulk(b) + array("3"));
            c.command("LMPOP", "0", b, "LEFT").expect("-ERR numkeys should be greater than 0\r\n");
            c.command("LMPOP", "1", b, "MIDDLE").expect("-ERR syntax error\r\n");
            c.command("LMPOP", "1", b, "LEFT", "COUNT", "0").expect("-ERR count should be greater than 0\r\n");
            c.command("DEL", b).expect(":1\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void aListEmptiedByAnyCommandLosesItsKey(ServerUnderTest server) throws Exception {
        String k = server.key("emptied");
        String other = server.key("other");
        try (WireClient c = server.connect()) {
            c.command("RPUSH", k, "a").expect(":1\r\n");
            c.command("LPOP", k).expect(bulk("a"));
            c.command("EXISTS", k).expect(":0\r\n");
            c.command("TYPE", k).expect("+none\r\n");
            c.command("RPUSH", k, "a", "b").expect(":2\r\n");
            c.command("RPOP", k, "9").expect(array("b", "a"));
            c.command("EXISTS", k).expect(":0\r\n");
            c.command("RPUSH", k, "x", "x").expect(":2\r\n");
            c.command("LREM", k, "0", "x").expect(":2\r\n");
            c.command("EXISTS", k).expect(":0\r\n");
            c.command("RPUSH", k, "a", "b").expect(":2\r\n");
            c.command("LTRIM", k, "5", "9").expect("+OK\r\n");
            c.command("EXISTS", k).expect(":0\r\n");
            c.command("RPUSH", k, "a").expect(":1\r\n");
            c.command("LMOVE", k, other, "LEFT", "LEFT").expect(bulk("a"));
            c.command("EXISTS", k).expect(":0\r\n");
            c.command("RPOPLPUSH", other, k).expect(bulk("a"));
            c.command("EXISTS", other).expect(":0\r\n");
            c.command("LMPOP", "1", k, "RIGHT", "COUNT", "3").expect("*2\r\n" + bulk(k) + array("a"));
            c.command("EXISTS", k, other).expect(":0\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 1)
    @Points(3)
    void stringsAndListsRefuseEachOthersCommands(ServerUnderTest server) throws Exception {
        String s = server.key("string");
        String l = server.key("list");
        try (WireClient c = server.connect()) {
            c.command("SET", s, "v").expect("+OK\r\n");
            c.command("LPUSH", s, "a").expect(WRONGTYPE);
            c.command("RPUSHX", s, "a").expect(WRONGTYPE);
            c.command("LRANGE", s, "0", "-1").expect(WRONGTYPE);
            c.command("LLEN", s).expect(WRONGTYPE);
            c.command("LPOP", s).expect(WRONGTYPE);
            c.command("LINDEX", s, "0").expect(WRONGTYPE);
            c.command("GET", s).expect(bulk("v"));
            c.command("RPUSH", l, "a").expect(":1\r\n");
            c.command("GET", l).expect(WRONGTYPE);
            c.command("INCR", l).expect(WRONGTYPE);
            c.command("APPEND", l, "x").expect(WRONGTYPE);
            c.command("STRLEN", l).expect(WRONGTYPE);
            c.command("LMOVE", l, s, "LEFT", "LEFT").expect(WRONGTYPE); // the destination is checked first
            c.command("LLEN", l).expect(":1\r\n");
            c.command("TYPE", l).expect("+list\r\n");
            c.command("SET", l, "v").expect("+OK\r\n"); // SET replaces a value of any type
            c.command("TYPE", l).expect("+string\r\n");
            c.command("DEL", s, l).expect(":2\r\n");
        }
    }

    // ---------------------------------------------------------------- stage 2: sets

    @Test
    @Stage(lab = 6, value = 2)
    @Points(3)
    void membersAreAddedRemovedAndCounted(ServerUnderTest server) throws Exception {
        String k = server.key("set");
        String none = server.key("none");
        try (WireClient c = server.connect()) {
            c.command("SADD", k, "a", "b", "a").expect(":2\r\n");
            c.command("SADD", k, "c", "b").expect(":1\r\n");
            c.command("TYPE", k).expect("+set\r\n");
            c.command("SCARD", k).expect(":3\r\n");
            c.command("SISMEMBER", k, "a").expect(":1\r\n");
            c.command("SISMEMBER", k, "z").expect(":0\r\n");
            c.command("SMISMEMBER", k, "a", "z", "c").expect("*3\r\n:1\r\n:0\r\n:1\r\n");
            c.command("SREM", k, "a", "z").expect(":1\r\n");
            c.command("SREM", k, "b").expect(":1\r\n");
            c.command("SMEMBERS", k).expect(array("c"));
            c.command("SCARD", none).expect(":0\r\n");
            c.command("SISMEMBER", none, "a").expect(":0\r\n");
            c.command("SMISMEMBER", none, "a").expect("*1\r\n:0\r\n");
            c.command("SMEMBERS", none).expect("*0\r\n");
            c.command("SREM", none, "a").expect(":0\r\n");
            c.command("SADD", k, "1", "2", "3").expect(":3\r\n"); // integers next to a string
            c.command("SCARD", k).expect(":4\r\n");
            c.command("SMISMEMBER", k, "1", "01", "c").expect("*3\r\n:1\r\n:0\r\n:1\r\n");
            c.command("DEL", k).expect(":1\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 2)
    @Points(3)
    void setAlgebraAndItsStoreForms(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String b = server.key("b");
        String none = server.key("none");
        String dst = server.key("dst");
        try (WireClient c = server.connect()) {
            c.command("SADD", a, "1", "2", "3").expect(":3\r\n");
            c.command("SADD", b, "3", "4").expect(":2\r\n");
            c.command("SINTER", a, b).expect(array("3"));
            c.command("SINTER", a, none).expect("*0\r\n");
            c.command("SDIFF", b, a).expect(array("4"));
            // a union's members come in the server's order: its header, then its members as a set
            c.command("SUNION", none, b, a).expect("*4\r\n");
            expectMembers(c, "SUNION of {1,2,3} and {3,4}", "1", "2", "3", "4");
            c.command("SUNIONSTORE", dst, a, b).expect(":4\r\n");
            c.command("SMISMEMBER", dst, "1", "2", "3", "4", "5").expect("*5\r\n:1\r\n:1\r\n:1\r\n:1\r\n:0\r\n");
            c.command("SDIFFSTORE", dst, a, b).expect(":2\r\n"); // replaces dst
            c.command("SMISMEMBER", dst, "1", "2", "3").expect("*3\r\n:1\r\n:1\r\n:0\r\n");
            c.command("SINTERSTORE", dst, a, none).expect(":0\r\n"); // an empty result deletes dst
            c.command("EXISTS", dst).expect(":0\r\n");
            c.command("SET", dst, "a string").expect("+OK\r\n");
            c.command("SINTERSTORE", dst, a, b).expect(":1\r\n"); // a STORE form replaces any type
            c.command("TYPE", dst).expect("+set\r\n");
            c.command("SMEMBERS", dst).expect(array("3"));
            c.command("SDIFF", none, a).expect("*0\r\n");
            c.command("DEL", a, b, dst).expect(":3\r\n");
        }
    }

    /**
     * Reads the bulks of an array reply whose header ({@code *<n>\r\n}) was matched already, and
     * checks that they are {@code members} in any order.
     */
    private static void expectMembers(WireClient c, String what, String... members) throws IOException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            got.add(c.expectBulkReply());
        }
        if (!new TreeSet<>(got).equals(new TreeSet<>(List.of(members))) || got.size() != new TreeSet<>(got).size()) {
            throw new AssertionError(what + ": expected the members " + List.of(members) + " in any order, each once; got " + got);
        }
    }

    @Test
    @Stage(lab = 6, value = 2)
    @Points(2)
    void sintercardCountsUpToALimit(ServerUnderTest server) throws Exception {
        String a = server.key("a");
        String b = server.key("b");
        try (WireClient c = server.connect()) {
            c.command("SADD", a, "1", "2", "3", "4").expect(":4\r\n");
            c.command("SADD", b, "2", "3", "4", "x").expect(":4\r\n");
            c.command("SINTERCARD", "2", a, b).expect(":3\r\n");
            c.command("SINTERCARD", "2", a, b, "LIMIT", "2").expect(":2\r\n");
            c.command("SINTERCARD", "2", a, b, "LIMIT", "0").expect(":3\r\n"); // 0: no limit
            c.command("SINTERCARD", "1", a).expect(":4\r\n");
            c.command("SINTERCARD", "2", a, server.key("none")).expect(":0\r\n");
            c.command("SINTERCARD", "0", a).expect("-ERR numkeys should be greater than 0\r\n");
            c.command("SINTERCARD", "3", a, b).expect("-ERR Number of keys can't be greater than number of args\r\n");
            c.command("SINTERCARD", "2", a, b, "LIMIT", "-1").expect("-ERR LIMIT can't be negative\r\n");
            c.command("DEL", a, b).expect(":2\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 2)
    @Points(3)
    void aSetEmptiedByAnyCommandLosesItsKey(ServerUnderTest server) throws Exception {
        String src = server.key("src");
        String dst = server.key("dst");
        try (WireClient c = server.connect()) {
            c.command("SADD", src, "a", "b").expect(":2\r\n");
            c.command("SMOVE", src, dst, "a").expect(":1\r\n");
            c.command("SMOVE", src, dst, "nothere").expect(":0\r\n");
            c.command("SMOVE", server.key("none"), dst, "a").expect(":0\r\n");
            c.command("SMOVE", dst, dst, "a").expect(":1\r\n");
            c.command("SMOVE", src, dst, "b").expect(":1\r\n"); // src's last member
            c.command("EXISTS", src).expect(":0\r\n");
            c.command("SCARD", dst).expect(":2\r\n");
            c.command("SREM", dst, "a", "b").expect(":2\r\n");
            c.command("EXISTS", dst).expect(":0\r\n");
            c.command("TYPE", dst).expect("+none\r\n");
            c.command("SADD", src, "only").expect(":1\r\n");
            c.command("SPOP", src).expect(bulk("only"));
            c.command("EXISTS", src).expect(":0\r\n");
            c.command("SPOP", src).expect("$-1\r\n");
            c.command("SADD", src, "only").expect(":1\r\n");
            c.command("SPOP", src, "5").expect(array("only"));
            c.command("EXISTS", src).expect(":0\r\n");
            c.command("SPOP", src, "5").expect("*0\r\n");
            c.command("SRANDMEMBER", src).expect("$-1\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 2)
    @Points(3)
    void setsListsAndStringsRefuseEachOthersCommands(ServerUnderTest server) throws Exception {
        String s = server.key("set");
        String l = server.key("list");
        String str = server.key("string");
        try (WireClient c = server.connect()) {
            c.command("SADD", s, "a").expect(":1\r\n");
            c.command("RPUSH", l, "x").expect(":1\r\n");
            c.command("SET", str, "v").expect("+OK\r\n");
            c.command("LPUSH", s, "x").expect(WRONGTYPE);
            c.command("LLEN", s).expect(WRONGTYPE);
            c.command("GET", s).expect(WRONGTYPE);
            c.command("INCR", s).expect(WRONGTYPE);
            c.command("SADD", l, "a").expect(WRONGTYPE);
            c.command("SCARD", l).expect(WRONGTYPE);
            c.command("SISMEMBER", l, "x").expect(WRONGTYPE);
            c.command("SMEMBERS", l).expect(WRONGTYPE);
            c.command("SADD", str, "a").expect(WRONGTYPE);
            c.command("SINTER", s, l).expect(WRONGTYPE);
            c.command("SUNION", s, str).expect(WRONGTYPE);
            c.command("SINTERCARD", "2", s, l).expect(WRONGTYPE);
            c.command("SMOVE", s, l, "a").expect(WRONGTYPE);
            c.command("SMOVE", l, s, "x").expect(WRONGTYPE);
            c.command("SISMEMBER", s, "a").expect(":1\r\n"); // nothing moved
            c.command("LMOVE", l, s, "LEFT", "LEFT").expect(WRONGTYPE);
            c.command("LLEN", l).expect(":1\r\n");
            c.command("TYPE", s).expect("+set\r\n");
            c.command("TYPE", l).expect("+list\r\n");
            c.command("SUNIONSTORE", str, s).expect(":1\r\n");
            c.command("TYPE", str).expect("+set\r\n");
            c.command("DEL", s, l, str).expect(":3\r\n");
        }
    }

    // ---------------------------------------------------------------- stage 3: blocking pops

    @Test
    @Stage(lab = 6, value = 3)
    @Points(4)
    void aBlpopIsServedByAPushFromAnotherConnection(ServerUnderTest server) throws Exception {
        String k = server.key("queue");
        String other = server.key("other");
        try (WireClient waiter = server.connect(); WireClient pusher = server.connect()) {
            // a list that has an element already answers at once
            pusher.command("RPUSH", k, "ready").expect(":1\r\n");
            waiter.command("BLPOP", other, k, "0").expect(array(k, "ready"));
            int before = blockedClients(pusher);
            waiter.command("BLPOP", other, k, "0");
            awaitBlockedClients(pusher, before + 1);
            pusher.command("RPUSH", k, "job1", "job2").expect(":2\r\n");
            waiter.expect(array(k, "job1"));
            pusher.command("LRANGE", k, "0", "-1").expect(array("job2"));
            // the first non-empty key wins
            pusher.command("RPUSH", other, "o").expect(":1\r\n");
            waiter.command("BRPOP", k, other, "0").expect(array(k, "job2"));
            waiter.command("BRPOP", k, other, "0").expect(array(other, "o"));
            pusher.command("EXISTS", k, other).expect(":0\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 3)
    @Points(3)
    void blmoveAndBlmpopWaitAndAreServedLikeBlpop(ServerUnderTest server) throws Exception {
        String src = server.key("src");
        String dst = server.key("dst");
        String other = server.key("other");
        try (WireClient waiter = server.connect(); WireClient pusher = server.connect()) {
            pusher.command("RPUSH", src, "ready").expect(":1\r\n");
            waiter.command("BLMOVE", src, dst, "LEFT", "RIGHT", "0").expect(bulk("ready")); // at once
            int before = blockedClients(pusher);
            waiter.command("BLMOVE", src, dst, "RIGHT", "LEFT", "0");
            awaitBlockedClients(pusher, before + 1);
            pusher.command("RPUSH", src, "a", "b").expect(":2\r\n");
            waiter.expect(bulk("b")); // from the right of src to the left of dst
            pusher.command("LRANGE", dst, "0", "-1").expect(array("b", "ready"));
            pusher.command("LRANGE", src, "0", "-1").expect(array("a"));
            waiter.command("BLMPOP", "0", "2", other, src, "LEFT", "COUNT", "5").expect("*2\r\n" + bulk(src) + array("a"));
            waiter.command("BLMPOP", "0", "2", other, src, "RIGHT", "COUNT", "2");
            awaitBlockedClients(pusher, before + 1);
            pusher.command("RPUSH", other, "x", "y", "z").expect(":3\r\n");
            waiter.expect("*2\r\n" + bulk(other) + array("z", "y"));
            pusher.command("LRANGE", other, "0", "-1").expect(array("x"));
            pusher.command("DEL", dst, other).expect(":2\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 3)
    @Points(3)
    void aServedClientGoesOnWithItsPipelinedRequests(ServerUnderTest server) throws Exception {
        String k = server.key("pipelined");
        String counter = server.key("counter");
        try (WireClient waiter = server.connect(); WireClient pusher = server.connect()) {
            pusher.command("RPUSH", k, "ready").expect(":1\r\n");
            waiter.command("BLPOP", k, "0").expect(array(k, "ready")); // served at once
            int before = blockedClients(pusher);
            // BLPOP, then two more requests in the same write: they wait behind the blocked BLPOP
            waiter.send(Request.resp("BLPOP", k, "0"),
                    Request.resp("INCR", counter),
                    Request.resp("LLEN", k));
            awaitBlockedClients(pusher, before + 1);
            pusher.command("EXISTS", counter).expect(":0\r\n"); // nothing after the BLPOP has run
            pusher.command("RPUSH", k, "v1", "v2").expect(":2\r\n");
            waiter.expect(array(k, "v1"), ":1\r\n", ":1\r\n");
            pusher.command("DEL", k, counter).expect(":2\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 3)
    @Points(2)
    void aKeyOfAnotherTypeServesNobodyAndTheClientWaitsOn(ServerUnderTest server) throws Exception {
        String k = server.key("retyped");
        try (WireClient waiter = server.connect(); WireClient other = server.connect()) {
            other.command("RPUSH", k, "ready").expect(":1\r\n");
            waiter.command("BLPOP", k, "0").expect(array(k, "ready")); // served at once
            int before = blockedClients(other);
            waiter.command("BLPOP", k, "0");
            awaitBlockedClients(other, before + 1);
            other.command("SET", k, "a string").expect("+OK\r\n");
            awaitBlockedClients(other, before + 1); // still waiting
            other.command("DEL", k).expect(":1\r\n");
            other.command("LPUSH", k, "at last").expect(":1\r\n");
            waiter.expect(array(k, "at last"));
            other.command("EXISTS", k).expect(":0\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 3)
    @Points(3)
    void aBlockingPopTimesOutWithANullArray(ServerUnderTest server) throws Exception {
        String k = server.key("empty");
        String d = server.key("dst");
        try (WireClient c = server.connect()) {
            c.command("BLPOP", k, "0.1").expect("*-1\r\n");
            c.command("BRPOP", k, server.key("empty2"), "0.05").expect("*-1\r\n");
            c.command("BLMOVE", k, d, "LEFT", "RIGHT", "0.05").expect("*-1\r\n");
            c.command("BLMPOP", "0.05", "1", k, "LEFT").expect("*-1\r\n");
            c.command("BLPOP", k, "-1").expect("-ERR timeout is negative\r\n");
            c.command("BLPOP", k, "soon").expect("-ERR timeout is not a float or out of range\r\n");
            c.command("EXISTS", k, d).expect(":0\r\n");
            c.command("PING").expect("+PONG\r\n"); // the connection goes on
        }
    }

    @Test
    @Stage(lab = 6, value = 3)
    @Points(4)
    void clientsBlockedOnOneKeyAreServedFirstComeFirstServed(ServerUnderTest server) throws Exception {
        String k = server.key("fifo");
        try (WireClient first = server.connect(); WireClient second = server.connect(); WireClient pusher = server.connect()) {
            pusher.command("RPUSH", k, "ready").expect(":1\r\n");
            first.command("BLPOP", k, "0").expect(array(k, "ready")); // served at once
            int before = blockedClients(pusher);
            first.command("BLPOP", k, "0");
            awaitBlockedClients(pusher, before + 1);
            second.command("BLPOP", k, "0");
            awaitBlockedClients(pusher, before + 2);
            pusher.command("RPUSH", k, "one").expect(":1\r\n");
            first.expect(array(k, "one"));
            awaitBlockedClients(pusher, before + 1); // the second still waits
            pusher.command("RPUSH", k, "two").expect(":1\r\n");
            second.expect(array(k, "two"));
            pusher.command("EXISTS", k).expect(":0\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 3)
    @Points(2)
    void insideMultiABlockingPopAnswersAtOnce(ServerUnderTest server) throws Exception {
        String k = server.key("tx");
        try (WireClient c = server.connect()) {
            c.command("MULTI").expect("+OK\r\n");
            c.command("BLPOP", k, "0").expect("+QUEUED\r\n");
            c.command("EXEC").expect("*1\r\n*-1\r\n"); // as on a timeout, even with timeout 0
            c.command("RPUSH", k, "v").expect(":1\r\n");
            c.command("MULTI").expect("+OK\r\n");
            c.command("BRPOP", k, "0").expect("+QUEUED\r\n");
            c.command("EXEC").expect("*1\r\n" + array(k, "v"));
            c.command("EXISTS", k).expect(":0\r\n");
        }
    }

    @Test
    @Stage(lab = 6, value = 3)
    @Points(3)
    void aClientThatLeavesWhileBlockedIsForgotten(ServerUnderTest server) throws Exception {
        String k = server.key("gone");
        try (WireClient pusher = server.connect()) {
            pusher.command("RPUSH", k, "ready").expect(":1\r\n");
            pusher.command("BLPOP", k, "0").expect(array(k, "ready")); // served at once
            int before = blockedClients(pusher);
            try (WireClient gone = server.connect()) {
                gone.command("BLPOP", k, "0");
                awaitBlockedClients(pusher, before + 1);
            }
            awaitBlockedClients(pusher, before);
            pusher.command("RPUSH", k, "kept").expect(":1\r\n"); // nobody to serve: the element stays
            pusher.command("LRANGE", k, "0", "-1").expect(array("kept"));
            pusher.command("DEL", k).expect(":1\r\n");
        }
    }
}
