package dev.redisfromscratch.lists;

import static dev.redisfromscratch.server.ParityServers.resp;

import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.server.ParityServers;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every list command of lab 6, with its normal and error paths, sent to lab 6's server and to a
 * real redis-server 7.0.15: the replies are the same bytes. Each case is one write of several
 * requests followed by {@code QUIT}, on keys of its own.
 */
@Stage(lab = 6, value = 1)
class ListCommandsParityTest {
    private static final String BINARY = "bin\r\n\0ary\u00ff";
    private static ParityServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start(ListsSetsServer.extensions());
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static Arguments of(String name, String... requests) {
        return Arguments.of(name, String.join("", requests));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                of("LPUSH and RPUSH: order, length, TYPE",
                        resp("LPUSH", "p:1", "a", "b", "c"), resp("RPUSH", "p:1", "d", BINARY, "12", "-7"),
                        resp("LRANGE", "p:1", "0", "-1"), resp("LLEN", "p:1"), resp("TYPE", "p:1"),
                        resp("LPUSH", "p:1"), resp("RPUSH", "p:1")),
                of("LPUSHX and RPUSHX on a missing key create nothing",
                        resp("LPUSHX", "px:1", "a"), resp("RPUSHX", "px:1", "a", "b"), resp("EXISTS", "px:1"),
                        resp("RPUSH", "px:1", "x"), resp("LPUSHX", "px:1", "a", "b"), resp("RPUSHX", "px:1", "c"),
                        resp("LRANGE", "px:1", "0", "-1")),
                of("WRONGTYPE both ways", resp("SET", "s:1", "v"), resp("LPUSH", "s:1", "a"), resp("RPUSH", "s:1", "a"),
                        resp("LPUSHX", "s:1", "a"), resp("RPUSHX", "s:1", "a"), resp("LPOP", "s:1"), resp("RPOP", "s:1", "2"),
                        resp("LLEN", "s:1"), resp("LRANGE", "s:1", "0", "-1"), resp("LINDEX", "s:1", "0"),
                        resp("LSET", "s:1", "0", "x"), resp("LREM", "s:1", "0", "x"), resp("LTRIM", "s:1", "0", "1"),
                        resp("LINSERT", "s:1", "BEFORE", "a", "b"), resp("LPOS", "s:1", "a"),
                        resp("LMOVE", "s:1", "d:1", "LEFT", "LEFT"), resp("RPOPLPUSH", "s:1", "d:1"),
                        resp("LMPOP", "1", "s:1", "LEFT"), resp("GET", "s:1"),
                        resp("RPUSH", "l:1", "a"), resp("GET", "l:1"), resp("APPEND", "l:1", "x"), resp("INCR", "l:1"),
                        resp("STRLEN", "l:1"), resp("GETDEL", "l:1"), resp("TYPE", "l:1"), resp("OBJECT", "FREQ", "l:1")),
                of("LPOP and RPOP without a count", resp("RPUSH", "pp:1", "a", "b", "c"), resp("LPOP", "pp:1"),
                        resp("RPOP", "pp:1"), resp("LPOP", "pp:1"), resp("EXISTS", "pp:1"), resp("LPOP", "pp:1"),
                        resp("RPOP", "pp:1")),
                of("LPOP and RPOP with a count", resp("RPUSH", "pc:1", "a", "b", "c", "d", "e"),
                        resp("LPOP", "pc:1", "2"), resp("RPOP", "pc:1", "2"), resp("LPOP", "pc:1", "0"),
                        resp("RPOP", "pc:1", "10"), resp("EXISTS", "pc:1"), resp("LPOP", "pc:1", "2"),
                        resp("LPOP", "pc:1", "0"), resp("RPOP", "pc:1", "0")),
                of("LPOP and RPOP count errors", resp("RPUSH", "pe:1", "a"), resp("LPOP", "pe:1", "-1"),
                        resp("LPOP", "pe:1", "abc"), resp("RPOP", "pe:1", "1.5"), resp("LPOP", "pe:1", "1", "2"),
                        resp("RPOP", "pe:1", "1", "2"), resp("LPOP", "pe:none", "-1"), resp("LPOP"),
                        resp("SET", "pe:2", "v"), resp("LPOP", "pe:2", "-1"), resp("LPOP", "pe:2", "0"),
                        resp("LPOP", "pe:1", "9223372036854775807"), resp("EXISTS", "pe:1")),
                of("LLEN", resp("LLEN", "ll:none"), resp("RPUSH", "ll:1", "a", "b"), resp("LLEN", "ll:1"),
                        resp("LLEN"), resp("LLEN", "ll:1", "x")),
                of("LRANGE clamps and normalises", resp("RPUSH", "lr:1", "a", "b", "c", "d", "e"),
                        resp("LRANGE", "lr:1", "0", "-1"), resp("LRANGE", "lr:1", "1", "3"), resp("LRANGE", "lr:1", "-3", "10"),
                        resp("LRANGE", "lr:1", "-100", "1"), resp("LRANGE", "lr:1", "3", "1"), resp("LRANGE", "lr:1", "5", "9"),
                        resp("LRANGE", "lr:1", "-1", "-1"), resp("LRANGE", "lr:1", "-6", "-6"),
                        resp("LRANGE", "lr:1", "-9223372036854775808", "9223372036854775807"),
                        resp("LRANGE", "lr:none", "0", "-1"), resp("LRANGE", "lr:1", "a", "1"), resp("LRANGE", "lr:1", "0", "b"),
                        resp("LRANGE", "lr:none", "a", "1"), resp("LRANGE", "lr:1", "0")),
                of("LINDEX", resp("RPUSH", "li:1", "a", "b", "c"), resp("LINDEX", "li:1", "0"), resp("LINDEX", "li:1", "-1"),
                        resp("LINDEX", "li:1", "3"), resp("LINDEX", "li:1", "-4"), resp("LINDEX", "li:1", "x"),
                        resp("LINDEX", "li:none", "x"), resp("LINDEX", "li:none", "0"), resp("LINDEX", "li:1")),
                of("LSET", resp("RPUSH", "ls:1", "a", "b", "c"), resp("LSET", "ls:1", "0", "A"), resp("LSET", "ls:1", "-1", "C"),
                        resp("LSET", "ls:1", "3", "x"), resp("LSET", "ls:1", "-4", "x"), resp("LSET", "ls:1", "x", "x"),
                        resp("LSET", "ls:none", "0", "x"), resp("LSET", "ls:none", "x", "x"), resp("LRANGE", "ls:1", "0", "-1"),
                        resp("LSET", "ls:1", "1", "123456789012"), resp("LINDEX", "ls:1", "1"), resp("LSET", "ls:1", "0")),
                of("LREM", resp("RPUSH", "lm:1", "a", "b", "a", "c", "a", "d", "a"), resp("LREM", "lm:1", "2", "a"),
                        resp("LRANGE", "lm:1", "0", "-1"), resp("LREM", "lm:1", "-1", "a"), resp("LRANGE", "lm:1", "0", "-1"),
                        resp("LREM", "lm:1", "0", "a"), resp("LREM", "lm:1", "0", "zz"), resp("LRANGE", "lm:1", "0", "-1"),
                        resp("LREM", "lm:1", "x", "a"), resp("LREM", "lm:none", "x", "a"), resp("LREM", "lm:none", "1", "a"),
                        resp("RPUSH", "lm:2", "x", "x"), resp("LREM", "lm:2", "0", "x"), resp("EXISTS", "lm:2")),
                of("LTRIM", resp("RPUSH", "lt:1", "a", "b", "c", "d", "e"), resp("LTRIM", "lt:1", "1", "-2"),
                        resp("LRANGE", "lt:1", "0", "-1"), resp("LTRIM", "lt:1", "-100", "100"), resp("LRANGE", "lt:1", "0", "-1"),
                        resp("LTRIM", "lt:1", "1", "1"), resp("LRANGE", "lt:1", "0", "-1"), resp("LTRIM", "lt:1", "2", "1"),
                        resp("EXISTS", "lt:1"), resp("LTRIM", "lt:none", "0", "1"), resp("LTRIM", "lt:1", "x", "1"),
                        resp("LTRIM", "lt:none", "0", "y"), resp("RPUSH", "lt:2", "a", "b"), resp("LTRIM", "lt:2", "5", "10"),
                        resp("EXISTS", "lt:2")),
                of("LINSERT", resp("RPUSH", "lin:1", "a", "b", "c"), resp("LINSERT", "lin:1", "BEFORE", "b", "x"),
                        resp("LINSERT", "lin:1", "after", "c", "y"), resp("LINSERT", "lin:1", "AfTeR", "zz", "y"),
                        resp("LRANGE", "lin:1", "0", "-1"), resp("LINSERT", "lin:1", "MIDDLE", "b", "x"),
                        resp("LINSERT", "lin:none", "BEFORE", "b", "x"), resp("LINSERT", "lin:none", "MIDDLE", "b", "x"),
                        resp("EXISTS", "lin:none"), resp("LINSERT", "lin:1", "BEFORE", "b")),
                of("LPOS", resp("RPUSH", "lp:1", "a", "b", "c", "1", "2", "3", "c", "c"),
                        resp("LPOS", "lp:1", "c"), resp("LPOS", "lp:1", "c", "RANK", "2"), resp("LPOS", "lp:1", "c", "RANK", "-1"),
                        resp("LPOS", "lp:1", "c", "RANK", "-2"), resp("LPOS", "lp:1", "c", "RANK", "4"),
                        resp("LPOS", "lp:1", "c", "COUNT", "2"), resp("LPOS", "lp:1", "c", "COUNT", "0"),
                        resp("LPOS", "lp:1", "c", "COUNT", "0", "RANK", "-1"), resp("LPOS", "lp:1", "c", "COUNT", "0", "RANK", "2"),
                        resp("LPOS", "lp:1", "c", "MAXLEN", "3"), resp("LPOS", "lp:1", "c", "MAXLEN", "2"),
                        resp("LPOS", "lp:1", "c", "COUNT", "0", "MAXLEN", "7"), resp("LPOS", "lp:1", "zz"),
                        resp("LPOS", "lp:1", "zz", "COUNT", "1"), resp("LPOS", "lp:1", "1"), resp("LPOS", "lp:1", "2", "rank", "1"),
                        resp("LPOS", "lp:none", "a"), resp("LPOS", "lp:none", "a", "COUNT", "1"),
                        resp("LPOS", "lp:1", "c", "RANK", "-9223372036854775808"),
                        resp("LPOS", "lp:1", "c", "RANK", "9223372036854775807")),
                of("LPOS errors", resp("RPUSH", "lpe:1", "a"), resp("LPOS", "lpe:1", "a", "RANK", "0"),
                        resp("LPOS", "lpe:1", "a", "RANK", "x"), resp("LPOS", "lpe:1", "a", "COUNT", "-1"),
                        resp("LPOS", "lpe:1", "a", "COUNT", "x"), resp("LPOS", "lpe:1", "a", "MAXLEN", "-1"),
                        resp("LPOS", "lpe:1", "a", "MAXLEN", "x"), resp("LPOS", "lpe:1", "a", "RANK"),
                        resp("LPOS", "lpe:1", "a", "FOO", "1"), resp("LPOS", "lpe:1", "a", "COUNT"),
                        resp("LPOS", "lpe:none", "a", "RANK", "0"), resp("SET", "lpe:2", "v"), resp("LPOS", "lpe:2", "a", "FOO"),
                        resp("LPOS", "lpe:2", "a", "COUNT", "1"), resp("LPOS", "lpe:1")),
                of("LMOVE", resp("RPUSH", "mv:1", "a", "b", "c"), resp("LMOVE", "mv:1", "mv:2", "LEFT", "RIGHT"),
                        resp("LMOVE", "mv:1", "mv:2", "right", "left"), resp("LRANGE", "mv:1", "0", "-1"),
                        resp("LRANGE", "mv:2", "0", "-1"), resp("LMOVE", "mv:1", "mv:2", "LEFT", "LEFT"), resp("EXISTS", "mv:1"),
                        resp("LMOVE", "mv:1", "mv:2", "LEFT", "LEFT"), resp("LMOVE", "mv:2", "mv:2", "LEFT", "RIGHT"),
                        resp("LRANGE", "mv:2", "0", "-1"), resp("LMOVE", "mv:2", "mv:2", "RIGHT", "LEFT"),
                        resp("LRANGE", "mv:2", "0", "-1"), resp("LMOVE", "mv:2", "mv:3", "UP", "LEFT"),
                        resp("LMOVE", "mv:2", "mv:3", "LEFT", "DOWN"), resp("LMOVE", "mv:none", "mv:3", "UP", "LEFT"),
                        resp("RPUSH", "mv:4", "only"), resp("LMOVE", "mv:4", "mv:4", "LEFT", "RIGHT"), resp("LRANGE", "mv:4", "0", "-1")),
                of("LMOVE checks the destination's type before popping", resp("RPUSH", "mt:1", "a", "b"),
                        resp("SET", "mt:s", "v"), resp("LMOVE", "mt:1", "mt:s", "LEFT", "LEFT"), resp("LRANGE", "mt:1", "0", "-1"),
                        resp("LMOVE", "mt:none", "mt:s", "LEFT", "LEFT"), resp("LMOVE", "mt:s", "mt:1", "LEFT", "LEFT"),
                        resp("RPOPLPUSH", "mt:1", "mt:s"), resp("RPOPLPUSH", "mt:none", "mt:s"), resp("GET", "mt:s")),
                of("RPOPLPUSH", resp("RPUSH", "rp:1", "a", "b", "c"), resp("RPOPLPUSH", "rp:1", "rp:2"),
                        resp("RPOPLPUSH", "rp:1", "rp:2"), resp("RPOPLPUSH", "rp:1", "rp:1"), resp("LRANGE", "rp:1", "0", "-1"),
                        resp("LRANGE", "rp:2", "0", "-1"), resp("RPOPLPUSH", "rp:none", "rp:2"), resp("RPOPLPUSH", "rp:1")),
                of("LMPOP", resp("RPUSH", "mp:2", "a", "b", "c"), resp("RPUSH", "mp:3", "x"),
                        resp("LMPOP", "2", "mp:1", "mp:2", "LEFT"), resp("LMPOP", "3", "mp:1", "mp:2", "mp:3", "right", "COUNT", "5"),
                        resp("LMPOP", "2", "mp:1", "mp:3", "LEFT", "count", "10"), resp("EXISTS", "mp:3"),
                        resp("LMPOP", "2", "mp:1", "mp:3", "LEFT"), resp("SET", "mp:s", "v"),
                        resp("LMPOP", "2", "mp:1", "mp:s", "LEFT"), resp("RPUSH", "mp:4", "y"),
                        resp("LMPOP", "2", "mp:4", "mp:s", "LEFT"), resp("LMPOP", "2", "mp:s", "mp:4", "LEFT")),
                of("LMPOP errors", resp("RPUSH", "mpe:1", "a"), resp("LMPOP", "0", "mpe:1", "LEFT"),
                        resp("LMPOP", "-1", "mpe:1", "LEFT"), resp("LMPOP", "x", "mpe:1", "LEFT"),
                        resp("LMPOP", "2", "mpe:1", "LEFT"), resp("LMPOP", "1", "mpe:1", "MIDDLE"),
                        resp("LMPOP", "1", "mpe:1", "LEFT", "COUNT"), resp("LMPOP", "1", "mpe:1", "LEFT", "COUNT", "0"),
                        resp("LMPOP", "1", "mpe:1", "LEFT", "COUNT", "-1"), resp("LMPOP", "1", "mpe:1", "LEFT", "COUNT", "x"),
                        resp("LMPOP", "1", "mpe:1", "LEFT", "COUNT", "1", "COUNT", "1"),
                        resp("LMPOP", "1", "mpe:1", "LEFT", "FOO"), resp("LMPOP", "1", "mpe:1"),
                        resp("LMPOP", "9223372036854775807", "mpe:1", "LEFT"), resp("LRANGE", "mpe:1", "0", "-1")),
                of("List commands touch WATCHed keys, LMPOP's movable keys included",
                        resp("RPUSH", "w:1", "a", "b"), resp("WATCH", "w:1"), resp("LMPOP", "1", "w:1", "LEFT"),
                        resp("MULTI"), resp("LLEN", "w:1"), resp("EXEC"),
                        resp("WATCH", "w:2"), resp("LMOVE", "w:1", "w:2", "LEFT", "LEFT"), resp("MULTI"),
                        resp("LRANGE", "w:2", "0", "-1"), resp("EXEC"),
                        resp("WATCH", "w:2"), resp("LPOS", "w:2", "b"), resp("MULTI"), resp("RPUSH", "w:2", "c"),
                        resp("LPOP", "w:2", "5"), resp("LMPOP", "1", "w:2", "RIGHT"), resp("EXEC"), resp("EXISTS", "w:2")),
                of("COPY shares nothing; RENAME, DEL and EXPIRE treat a list as any key",
                        resp("RPUSH", "cp:1", "a", "b"), resp("COPY", "cp:1", "cp:2"), resp("LPUSH", "cp:1", "x"),
                        resp("LSET", "cp:2", "0", "y"), resp("LRANGE", "cp:1", "0", "-1"), resp("LRANGE", "cp:2", "0", "-1"),
                        resp("RENAME", "cp:2", "cp:3"), resp("TYPE", "cp:3"), resp("EXPIRE", "cp:3", "100"),
                        resp("RPUSH", "cp:3", "z"), resp("TTL", "cp:3"), resp("DEL", "cp:1", "cp:3"), resp("EXISTS", "cp:1")),
                of("Integers and long strings in one list",
                        resp("RPUSH", "mix:1", "0", "-1", "127", "128", "4095", "4096", "-4096", "-4097", "32767", "32768",
                                "8388607", "8388608", "2147483647", "2147483648", "9223372036854775807",
                                "-9223372036854775808", "9223372036854775808", "007", "-0", "+1", "x".repeat(300)),
                        resp("LRANGE", "mix:1", "0", "-1"), resp("LPOS", "mix:1", "4096"), resp("LPOS", "mix:1", "007"),
                        resp("LREM", "mix:1", "0", "-0"), resp("LINDEX", "mix:1", "-1")),
                of("A long list across quicklist nodes", longList("big:1", 3000),
                        resp("LLEN", "big:1"), resp("LINDEX", "big:1", "1500"), resp("LINDEX", "big:1", "-1234"),
                        resp("LRANGE", "big:1", "995", "1010"), resp("LSET", "big:1", "1000", "y".repeat(5000)),
                        resp("LINSERT", "big:1", "BEFORE", "v2000", "z".repeat(2000)), resp("LINDEX", "big:1", "2000"),
                        resp("LREM", "big:1", "-3", "v2999"), resp("LTRIM", "big:1", "100", "-100"),
                        resp("LRANGE", "big:1", "0", "3"), resp("LRANGE", "big:1", "-3", "-1"), resp("LLEN", "big:1"),
                        resp("LPOS", "big:1", "v1500"), resp("OBJECT", "ENCODING", "big:1"),
                        resp("LPOP", "big:1", "1000"), resp("RPOP", "big:1", "5"), resp("LLEN", "big:1")));
    }

    private static String longList(String key, int n) {
        String[] args = new String[n + 2];
        args[0] = "RPUSH";
        args[1] = key;
        for (int i = 0; i < n; i++) {
            args[i + 2] = "v" + i;
        }
        return resp(args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Points(1)
    void repliesAreByteForByteRedis(String name, String requests) throws Exception {
        servers.assertSameReplies(requests);
    }
}
