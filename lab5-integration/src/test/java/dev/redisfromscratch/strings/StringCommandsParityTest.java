package dev.redisfromscratch.strings;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.blackbox.WireAssert;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every string command of lab 5, with its normal and error paths, sent to lab 5's server and to a
 * real redis-server 7.0.15: the replies are the same bytes. Each case is one write of several
 * requests followed by {@code QUIT}, and uses keys of its own. Both servers run with
 * {@code proto-max-bulk-len 1048576} (1 MB, Redis's minimum), so that the size limit of APPEND and
 * SETRANGE is tested on both sides of the boundary without allocating 512 MB.
 *
 * <p>Keys {@code wt} and {@code wt:*} hold a list in both (an {@code RPUSH} in Redis, a
 * {@link ListStandIn} in ours): the WRONGTYPE cases.
 */
class StringCommandsParityTest {
    private static final List<String> LISTS = List.of("wt", "wt:mset", "wt:setex", "wt:psetex", "wt:msetnx");
    private static final String BINARY = "bin\r\n\0ary\u00ff";

    private static IntegratedServerFixture ours;
    private static RealRedis redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start("--proto-max-bulk-len", "1048576");
        ours = IntegratedServerFixture.start("proto-max-bulk-len", "1048576");
        try (RawClient c = RawClient.connect(redis.port())) {
            for (String key : LISTS) {
                c.send(resp("RPUSH", key, "x")).readLine();
            }
        }
        ours.server.lock().lock();
        try {
            for (String key : LISTS) {
                ours.server.databases().db(0).put(key.getBytes(StandardCharsets.ISO_8859_1), new ListStandIn());
            }
        } finally {
            ours.server.lock().unlock();
        }
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

    /** The multibulk a client sends for {@code args} (Latin-1: any byte is a char). */
    static String resp(String... args) {
        return new String(Request.resp(args).bytes(), StandardCharsets.ISO_8859_1);
    }

    /** A case: its name, then its requests, all sent in one write. */
    private static Arguments of(String name, String... requests) {
        return Arguments.of(name, String.join("", requests));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                of("APPEND creates, appends, counts an empty append",
                        resp("APPEND", "ap:1", "hello"), resp("APPEND", "ap:1", " world"), resp("APPEND", "ap:1", ""),
                        resp("GET", "ap:1"), resp("APPEND", "ap:2", ""), resp("EXISTS", "ap:2"), resp("STRLEN", "ap:2")),
                of("APPEND binary", resp("APPEND", "ap:3", BINARY), resp("APPEND", "ap:3", BINARY), resp("GET", "ap:3")),
                of("APPEND to an integer", resp("SET", "ap:4", "12"), resp("APPEND", "ap:4", "34"), resp("INCR", "ap:4")),
                of("APPEND up to the size limit and past it",
                        resp("SETRANGE", "ap:5", "1048570", "x"), resp("APPEND", "ap:5", "12345"),
                        resp("APPEND", "ap:5", "1"), resp("STRLEN", "ap:5")),
                of("APPEND keeps the TTL", resp("SET", "ap:6", "a", "EX", "100"), resp("APPEND", "ap:6", "b"), resp("TTL", "ap:6")),
                of("APPEND wrong type and arity", resp("APPEND", "wt", "x"), resp("APPEND", "ap:7"), resp("APPEND", "ap:7", "a", "b")),

                of("STRLEN", resp("SET", "sl:1", "hello"), resp("STRLEN", "sl:1"), resp("STRLEN", "sl:none"),
                        resp("SET", "sl:2", ""), resp("STRLEN", "sl:2"), resp("SET", "sl:3", BINARY), resp("STRLEN", "sl:3"),
                        resp("SET", "sl:4", "-123"), resp("STRLEN", "sl:4")),
                of("STRLEN wrong type and arity", resp("STRLEN", "wt"), resp("STRLEN"), resp("STRLEN", "a", "b")),

                of("GETRANGE offsets", resp("SET", "gr:1", "This is a string"),
                        resp("GETRANGE", "gr:1", "0", "3"), resp("GETRANGE", "gr:1", "-3", "-1"),
                        resp("GETRANGE", "gr:1", "0", "-1"), resp("GETRANGE", "gr:1", "10", "100"),
                        resp("GETRANGE", "gr:1", "-1", "-5"), resp("GETRANGE", "gr:1", "5", "2"),
                        resp("GETRANGE", "gr:1", "-100", "2"), resp("GETRANGE", "gr:1", "-100", "-50"),
                        resp("GETRANGE", "gr:1", "100", "200"), resp("GETRANGE", "gr:1", "0", "0"),
                        resp("GETRANGE", "gr:1", "-1", "-1"), resp("GETRANGE", "gr:1", "3", "-100"),
                        resp("GETRANGE", "gr:1", "9223372036854775807", "9223372036854775807"),
                        resp("GETRANGE", "gr:1", "-9223372036854775808", "-1"),
                        resp("GETRANGE", "gr:1", "0", "-9223372036854775808")),
                of("GETRANGE of missing, empty, binary and integer values",
                        resp("GETRANGE", "gr:none", "0", "-1"), resp("SET", "gr:2", ""), resp("GETRANGE", "gr:2", "0", "-1"),
                        resp("GETRANGE", "gr:2", "0", "0"), resp("SET", "gr:3", BINARY), resp("GETRANGE", "gr:3", "2", "6"),
                        resp("SET", "gr:4", "12345"), resp("GETRANGE", "gr:4", "1", "-2")),
                of("GETRANGE errors, in Redis's order", resp("GETRANGE", "gr:1", "x", "1"), resp("GETRANGE", "gr:1", "1", "x"),
                        resp("GETRANGE", "wt", "x", "1"), resp("GETRANGE", "wt", "0", "1"), resp("GETRANGE", "gr:1", "1.5", "2"),
                        resp("GETRANGE", "gr:1", "0"), resp("GETRANGE", "gr:1", "0", "1", "2")),

                of("SETRANGE pads with zero bytes", resp("SETRANGE", "sr:1", "5", "hi"), resp("GET", "sr:1"),
                        resp("SETRANGE", "sr:1", "1", "HELLO"), resp("GET", "sr:1"),
                        resp("SET", "sr:2", "Hello World"), resp("SETRANGE", "sr:2", "6", "Redis"), resp("GET", "sr:2"),
                        resp("SETRANGE", "sr:2", "0", BINARY), resp("GET", "sr:2")),
                of("SETRANGE with an empty value", resp("SETRANGE", "sr:3", "0", ""), resp("EXISTS", "sr:3"),
                        resp("SETRANGE", "sr:3", "100", ""), resp("SET", "sr:4", "abc"), resp("SETRANGE", "sr:4", "10", ""),
                        resp("GET", "sr:4"), resp("SETRANGE", "wt", "0", ""), resp("SETRANGE", "wt", "-1", "")),
                of("SETRANGE offsets out of range", resp("SETRANGE", "sr:5", "-1", "x"), resp("SETRANGE", "sr:5", "x", "x"),
                        resp("SETRANGE", "sr:5", "1048576", "x"), resp("SETRANGE", "sr:5", "1048575", "x"),
                        resp("STRLEN", "sr:5"), resp("SETRANGE", "sr:5", "1048575", "xy"),
                        resp("SETRANGE", "sr:6", "9223372036854775807", "x"),
                        resp("SETRANGE", "sr:6", "9223372036854775808", "x"), resp("EXISTS", "sr:6")),
                of("SETRANGE keeps the TTL, on an integer", resp("SET", "sr:7", "100", "EX", "100"),
                        resp("SETRANGE", "sr:7", "0", "2"), resp("TTL", "sr:7"), resp("INCR", "sr:7")),
                of("SETRANGE wrong type and arity", resp("SETRANGE", "wt", "0", "x"), resp("SETRANGE", "wt", "x", "x"),
                        resp("SETRANGE", "wt", "-1", "x"), resp("SETRANGE", "sr:8", "0")),

                of("INCR and DECR", resp("INCR", "in:1"), resp("INCR", "in:1"), resp("DECR", "in:1"), resp("DECR", "in:2"),
                        resp("GET", "in:2"), resp("SET", "in:3", "-5"), resp("INCR", "in:3"), resp("GET", "in:3")),
                of("INCRBY and DECRBY", resp("INCRBY", "in:4", "10"), resp("INCRBY", "in:4", "-25"), resp("DECRBY", "in:4", "5"),
                        resp("DECRBY", "in:4", "-100"), resp("INCRBY", "in:4", "0"), resp("GET", "in:4")),
                of("INCR overflow", resp("SET", "in:5", "9223372036854775807"), resp("INCR", "in:5"),
                        resp("INCRBY", "in:5", "-1"), resp("INCRBY", "in:5", "1"), resp("INCRBY", "in:5", "2"),
                        resp("SET", "in:6", "-9223372036854775808"), resp("DECR", "in:6"), resp("DECRBY", "in:6", "1"),
                        resp("INCRBY", "in:6", "-1"), resp("DECRBY", "in:6", "-9223372036854775807"), resp("GET", "in:6"),
                        resp("DECRBY", "in:7", "-9223372036854775808"), resp("INCRBY", "in:7", "-9223372036854775808"),
                        resp("GET", "in:7")),
                of("INCR of values that are not integers", resp("SET", "in:8", " 1"), resp("INCR", "in:8"),
                        resp("SET", "in:8", "01"), resp("INCR", "in:8"), resp("SET", "in:8", "1.5"), resp("INCR", "in:8"),
                        resp("SET", "in:8", "+1"), resp("INCR", "in:8"), resp("SET", "in:8", ""), resp("INCR", "in:8"),
                        resp("SET", "in:8", "9223372036854775808"), resp("INCR", "in:8"), resp("SET", "in:8", "-0"),
                        resp("DECR", "in:8"), resp("SET", "in:8", "abc"), resp("INCRBY", "in:8", "1"), resp("GET", "in:8")),
                of("INCRBY arguments that are not integers", resp("INCRBY", "in:9", "abc"), resp("INCRBY", "in:9", "1.0"),
                        resp("INCRBY", "in:9", "9223372036854775808"), resp("DECRBY", "in:9", ""), resp("INCRBY", "in:9", " 1"),
                        resp("EXISTS", "in:9")),
                of("INCR keeps the TTL", resp("SET", "in:10", "5", "EX", "100"), resp("INCR", "in:10"), resp("TTL", "in:10")),
                of("INCR wrong type, before or after the argument", resp("INCR", "wt"), resp("DECR", "wt"),
                        resp("INCRBY", "wt", "1"), resp("DECRBY", "wt", "1"), resp("INCRBY", "wt", "x"),
                        resp("DECRBY", "wt", "-9223372036854775808")),
                of("INCR family arity", resp("INCR"), resp("INCR", "a", "b"), resp("DECR"), resp("INCRBY", "a"),
                        resp("DECRBY", "a", "1", "2")),

                of("INCRBYFLOAT formats as Redis", resp("SET", "fl:1", "10.5"), resp("INCRBYFLOAT", "fl:1", "0.1"),
                        resp("INCRBYFLOAT", "fl:2", "3.0e3"), resp("INCRBYFLOAT", "fl:3", "0.1"),
                        resp("INCRBYFLOAT", "fl:3", "0.2"), resp("INCRBYFLOAT", "fl:4", "1e20"),
                        resp("INCRBYFLOAT", "fl:5", "1e-20"), resp("INCRBYFLOAT", "fl:6", "0.000003814697265625"),
                        resp("INCRBYFLOAT", "fl:7", "-1.5"), resp("INCRBYFLOAT", "fl:7", "1.5"),
                        resp("INCRBYFLOAT", "fl:8", "5.0e3"), resp("INCRBYFLOAT", "fl:8", "-5000"),
                        resp("INCRBYFLOAT", "fl:9", "0.333333333333333333333"), resp("INCRBYFLOAT", "fl:9", "0.333333333333333333333"),
                        resp("INCRBYFLOAT", "fl:9", "0.333333333333333333333"), resp("GET", "fl:9")),
                of("INCRBYFLOAT accepts what strtold reads", resp("INCRBYFLOAT", "fl:10", "0x1p3"),
                        resp("INCRBYFLOAT", "fl:10", "0x.8p1"), resp("INCRBYFLOAT", "fl:10", ".5"),
                        resp("INCRBYFLOAT", "fl:10", "5."), resp("INCRBYFLOAT", "fl:10", "+1E+2"),
                        resp("INCRBYFLOAT", "fl:10", "-0"), resp("SET", "fl:11", "7"), resp("INCRBYFLOAT", "fl:11", "1"),
                        resp("INCRBYFLOAT", "fl:12", "1e4000"), resp("STRLEN", "fl:12"),
                        resp("INCRBYFLOAT", "fl:13", "1e-4940"), resp("INCRBYFLOAT", "fl:14", "9223372036854775807"),
                        resp("INCRBYFLOAT", "fl:14", "1")),
                of("INCRBYFLOAT refuses", resp("INCRBYFLOAT", "fl:15", "abc"), resp("INCRBYFLOAT", "fl:15", " 1"),
                        resp("INCRBYFLOAT", "fl:15", "1 "), resp("INCRBYFLOAT", "fl:15", ""), resp("INCRBYFLOAT", "fl:15", "nan"),
                        resp("INCRBYFLOAT", "fl:15", "1e"), resp("INCRBYFLOAT", "fl:15", "0x"), resp("INCRBYFLOAT", "fl:15", "1,5"),
                        resp("INCRBYFLOAT", "fl:15", "1\0"), resp("INCRBYFLOAT", "fl:15", "1e5000"),
                        resp("INCRBYFLOAT", "fl:15", "1e-5000"), resp("INCRBYFLOAT", "fl:15", "1".repeat(5120)),
                        resp("EXISTS", "fl:15")),
                of("INCRBYFLOAT to infinity", resp("INCRBYFLOAT", "fl:16", "inf"), resp("INCRBYFLOAT", "fl:16", "-Infinity"),
                        resp("INCRBYFLOAT", "fl:16", "1.1e4932"), resp("INCRBYFLOAT", "fl:16", "1.1e4932"),
                        resp("SET", "fl:17", "inf"), resp("INCRBYFLOAT", "fl:17", "-inf"), resp("INCRBYFLOAT", "fl:17", "1")),
                of("INCRBYFLOAT of a stored non-number", resp("SET", "fl:18", "abc"), resp("INCRBYFLOAT", "fl:18", "1"),
                        resp("INCRBYFLOAT", "fl:18", "x"), resp("SET", "fl:19", " 5"), resp("INCRBYFLOAT", "fl:19", "1")),
                of("INCRBYFLOAT keeps the TTL", resp("SET", "fl:20", "1", "EX", "100"), resp("INCRBYFLOAT", "fl:20", "1.5"),
                        resp("TTL", "fl:20")),
                of("INCRBYFLOAT wrong type and arity", resp("INCRBYFLOAT", "wt", "x"), resp("INCRBYFLOAT", "wt", "1"),
                        resp("INCRBYFLOAT", "fl:21"), resp("INCRBYFLOAT", "fl:21", "1", "2")),

                of("MGET", resp("SET", "mg:1", "a"), resp("SET", "mg:2", BINARY),
                        resp("MGET", "mg:1", "mg:none", "wt", "mg:2", "mg:1"), resp("MGET", "mg:none"), resp("MGET")),
                of("MSET", resp("MSET", "ms:1", "a", "ms:2", BINARY, "ms:1", "c"), resp("MGET", "ms:1", "ms:2"),
                        resp("SET", "ms:3", "x", "EX", "100"), resp("MSET", "ms:3", "y"), resp("TTL", "ms:3"),
                        resp("MSET", "wt:mset", "z"), resp("GET", "wt:mset")),
                of("MSET odd arguments", resp("MSET", "ms:4", "a", "ms:5"), resp("MSET", "ms:4"), resp("MSET"),
                        resp("MSETNX", "ms:4", "a", "ms:5"), resp("MSETNX", "ms:4"), resp("EXISTS", "ms:4", "ms:5")),
                of("MSETNX all or nothing", resp("MSETNX", "mn:1", "a", "mn:2", "b"), resp("MSETNX", "mn:2", "x", "mn:3", "c"),
                        resp("MGET", "mn:1", "mn:2", "mn:3"), resp("MSETNX", "mn:4", "a", "mn:4", "b"), resp("GET", "mn:4"),
                        resp("MSETNX", "wt:msetnx", "a"), resp("GET", "wt:msetnx")),

                of("GETSET", resp("GETSET", "gs:1", "a"), resp("GETSET", "gs:1", BINARY), resp("GET", "gs:1"),
                        resp("SET", "gs:2", "x", "EX", "100"), resp("GETSET", "gs:2", "y"), resp("TTL", "gs:2"),
                        resp("GETSET", "wt", "x"), resp("GET", "wt"), resp("GETSET", "gs:3"), resp("GETSET", "gs:3", "a", "b")),
                of("GETDEL", resp("SET", "gd:1", BINARY), resp("GETDEL", "gd:1"), resp("GETDEL", "gd:1"), resp("EXISTS", "gd:1"),
                        resp("GETDEL", "wt"), resp("GET", "wt"), resp("GETDEL"), resp("GETDEL", "a", "b")),

                of("GETEX without options is GET", resp("SET", "gx:1", "v", "EX", "100"), resp("GETEX", "gx:1"),
                        resp("TTL", "gx:1"), resp("GETEX", "gx:none"), resp("GETEX", "wt")),
                of("GETEX sets and removes the TTL", resp("SET", "gx:2", "v"), resp("GETEX", "gx:2", "EX", "100"),
                        resp("TTL", "gx:2"), resp("GETEX", "gx:2", "px", "200000"), resp("TTL", "gx:2"),
                        resp("GETEX", "gx:2", "EXAT", "4102444800"), resp("PERSIST", "gx:2"),
                        resp("GETEX", "gx:2", "PXAT", "4102444800000"), resp("GETEX", "gx:2", "PERSIST"), resp("TTL", "gx:2"),
                        resp("GETEX", "gx:2", "persist"), resp("GETEX", "gx:2", "EX", "10", "EX", "100"), resp("TTL", "gx:2"),
                        resp("GETEX", "gx:2", "PERSIST", "PERSIST"), resp("TTL", "gx:2")),
                of("GETEX with a time already past deletes", resp("SET", "gx:3", "v"), resp("GETEX", "gx:3", "EXAT", "1"),
                        resp("EXISTS", "gx:3"), resp("SET", "gx:3", "w"), resp("GETEX", "gx:3", "PXAT", "1"), resp("GET", "gx:3")),
                of("GETEX option conflicts", resp("SET", "gx:4", "v"), resp("GETEX", "gx:4", "EX", "10", "PX", "10"),
                        resp("GETEX", "gx:4", "PERSIST", "EX", "10"), resp("GETEX", "gx:4", "EX", "10", "PERSIST"),
                        resp("GETEX", "gx:4", "EXAT", "10", "PXAT", "10"), resp("GETEX", "gx:4", "EX"),
                        resp("GETEX", "gx:4", "KEEPTTL"), resp("GETEX", "gx:4", "NX"), resp("GETEX", "gx:4", "GET"),
                        resp("GETEX", "gx:4", "FOO"), resp("GETEX", "gx:4", "EX\0x", "10"), resp("TTL", "gx:4")),
                of("GETEX bad times, and the order of its checks", resp("SET", "gx:5", "v"),
                        resp("GETEX", "gx:5", "EX", "abc"), resp("GETEX", "gx:5", "EX", "0"), resp("GETEX", "gx:5", "PX", "-1"),
                        resp("GETEX", "gx:5", "EX", "9223372036854775807"), resp("GETEX", "gx:5", "PX", "9223372036854775807"),
                        resp("GETEX", "gx:5", "EXAT", "0"), resp("GETEX", "gx:none", "EX", "abc"),
                        resp("GETEX", "gx:none", "FOO"), resp("GETEX", "wt", "EX", "abc"), resp("GETEX", "wt", "PERSIST"),
                        resp("GETEX", "wt", "FOO"), resp("TTL", "gx:5"), resp("GETEX")),

                of("SETNX", resp("SETNX", "sn:1", "a"), resp("SETNX", "sn:1", "b"), resp("GET", "sn:1"), resp("SETNX", "wt", "x"),
                        resp("GET", "wt"), resp("SETNX", "sn:2"), resp("SETNX", "sn:2", "a", "b")),
                of("SETEX and PSETEX", resp("SETEX", "se:1", "100", BINARY), resp("TTL", "se:1"), resp("GET", "se:1"),
                        resp("PSETEX", "se:2", "100000", "v"), resp("TTL", "se:2"), resp("SETEX", "wt:setex", "100", "v"),
                        resp("GET", "wt:setex"), resp("PSETEX", "wt:psetex", "100000", "v"), resp("GET", "wt:psetex")),
                of("SETEX and PSETEX bad times", resp("SETEX", "se:3", "0", "v"), resp("SETEX", "se:3", "-1", "v"),
                        resp("SETEX", "se:3", "abc", "v"), resp("SETEX", "se:3", "9223372036854775807", "v"),
                        resp("SETEX", "se:3", "9223372036854775", "v"), resp("PSETEX", "se:3", "0", "v"),
                        resp("PSETEX", "se:3", "9223372036854775807", "v"), resp("PSETEX", "se:3", "1.5", "v"),
                        resp("EXISTS", "se:3"), resp("SETEX", "se:3", "10"), resp("PSETEX", "se:3", "10", "v", "x"),
                        resp("SET", "se:3", "v", "EX", "0"), resp("SET", "se:3", "v", "PX", "9223372036854775807")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void repliesAreByteForByteRedis(String name, String requests) throws Exception {
        String quitting = requests + resp("QUIT");
        WireAssert.sameReplies(quitting, RawClient.exchangeUntilClosed(redis.port(), quitting),
                RawClient.exchangeUntilClosed(ours.port, quitting));
    }
}
