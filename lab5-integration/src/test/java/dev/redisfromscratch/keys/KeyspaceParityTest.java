package dev.redisfromscratch.keys;

import dev.redisfromscratch.server.ParityServers;

import static dev.redisfromscratch.server.ParityServers.resp;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyspace commands against a real redis-server 7.0.15, byte for byte, errors included: RENAME,
 * RENAMENX, COPY, TYPE, UNLINK, TOUCH, EXPIREAT, PEXPIRE, EXPIRETIME, PEXPIRETIME, OBJECT,
 * RANDOMKEY and KEYS (where the reply's order is fixed: one key, or none). Expire times are absolute
 * and far ahead (or long past), so both servers' clocks agree on them. Each case cleans up its keys.
 */
class KeyspaceParityTest {
    private static final String FAR_S = "4102444800";        // 2100-01-01, Unix seconds
    private static final String FAR_MS = "4102444800499";    // ... and 499 ms, which rounds down
    private static final String FAR_MS_UP = "4102444800500"; // rounds up

    private static ParityServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    static Stream<String> requests() {
        return Stream.of(
                // RENAME, RENAMENX
                resp("RENAME", "rn:missing", "rn:x") + resp("RENAMENX", "rn:missing", "rn:x")
                        + resp("RENAME", "rn:missing", "rn:missing") + resp("RENAMENX", "rn:missing", "rn:missing"),
                resp("SET", "rn:a", "1") + resp("RENAME", "rn:a", "rn:a") + resp("RENAMENX", "rn:a", "rn:a")
                        + resp("RENAME", "rn:a", "rn:b") + resp("EXISTS", "rn:a") + resp("GET", "rn:b") + resp("DEL", "rn:b"),
                resp("SET", "rn:a", "1") + resp("SET", "rn:b", "2", "PXAT", FAR_MS) + resp("RENAMENX", "rn:a", "rn:b")
                        + resp("GET", "rn:b") + resp("RENAME", "rn:a", "rn:b") + resp("GET", "rn:b") + resp("PEXPIRETIME", "rn:b")
                        + resp("RENAMENX", "rn:b", "rn:c") + resp("GET", "rn:c") + resp("DEL", "rn:c"),
                resp("SET", "rn:t", "v", "PXAT", FAR_MS) + resp("RENAME", "rn:t", "rn:u") + resp("PEXPIRETIME", "rn:u")
                        + resp("PEXPIRETIME", "rn:t") + resp("DEL", "rn:u"),
                resp("RENAME", "a") + resp("RENAMENX", "a", "b", "c"),
                // COPY
                resp("COPY", "cp:missing", "cp:x") + resp("SET", "cp:a", "v", "PXAT", FAR_MS) + resp("COPY", "cp:a", "cp:b")
                        + resp("GET", "cp:b") + resp("PEXPIRETIME", "cp:b") + resp("COPY", "cp:a", "cp:b")
                        + resp("SET", "cp:b", "other") + resp("GET", "cp:a") + resp("COPY", "cp:a", "cp:b", "REPLACE")
                        + resp("GET", "cp:b") + resp("COPY", "cp:a", "cp:a") + resp("COPY", "cp:a", "cp:a", "DB", "0")
                        + resp("DEL", "cp:a", "cp:b"),
                resp("SET", "cp:c", "v") + resp("COPY", "cp:c", "cp:c", "DB", "1") + resp("COPY", "cp:c", "cp:d", "db", "1", "replace")
                        + resp("COPY", "cp:c", "cp:d", "DB", "1") + resp("SELECT", "1") + resp("GET", "cp:c") + resp("GET", "cp:d")
                        + resp("DEL", "cp:c", "cp:d") + resp("SELECT", "0") + resp("DEL", "cp:c"),
                resp("COPY", "cp:a", "cp:b", "DB") + resp("COPY", "cp:a", "cp:b", "DB", "16") + resp("COPY", "cp:a", "cp:b", "DB", "-1")
                        + resp("COPY", "cp:a", "cp:b", "DB", "x") + resp("COPY", "cp:a", "cp:b", "DB", "99999999999")
                        + resp("COPY", "cp:a", "cp:b", "FOO") + resp("COPY", "cp:a", "cp:b", "REPLACE", "DB", "16", "FOO")
                        + resp("COPY", "cp:a", "cp:b", "FOO", "DB", "16") + resp("COPY", "cp:a"),
                // TYPE, UNLINK, TOUCH
                resp("TYPE", "ty:missing") + resp("SET", "ty:s", "v") + resp("TYPE", "ty:s") + resp("DEL", "ty:s") + resp("TYPE"),
                resp("SET", "ul:a", "1") + resp("SET", "ul:b", "2") + resp("UNLINK", "ul:a", "ul:b", "ul:a", "ul:c") + resp("UNLINK", "ul:a")
                        + resp("EXISTS", "ul:a", "ul:b") + resp("UNLINK"),
                resp("SET", "tc:a", "1") + resp("TOUCH", "tc:a", "tc:a", "tc:missing") + resp("TOUCH", "tc:missing")
                        + resp("DEL", "tc:a") + resp("TOUCH"),
                // EXPIREAT, PEXPIRE, EXPIRETIME, PEXPIRETIME
                resp("EXPIRETIME", "ex:missing") + resp("PEXPIRETIME", "ex:missing") + resp("SET", "ex:a", "v")
                        + resp("EXPIRETIME", "ex:a") + resp("PEXPIRETIME", "ex:a") + resp("EXPIREAT", "ex:a", FAR_S)
                        + resp("EXPIRETIME", "ex:a") + resp("PEXPIRETIME", "ex:a") + resp("DEL", "ex:a"),
                resp("SET", "ex:r", "v", "PXAT", FAR_MS) + resp("EXPIRETIME", "ex:r") + resp("SET", "ex:r", "v", "PXAT", FAR_MS_UP)
                        + resp("EXPIRETIME", "ex:r") + resp("PEXPIRETIME", "ex:r") + resp("PERSIST", "ex:r")
                        + resp("EXPIRETIME", "ex:r") + resp("DEL", "ex:r"),
                resp("EXPIREAT", "ex:missing", FAR_S) + resp("SET", "ex:b", "v") + resp("EXPIREAT", "ex:b", "1000")
                        + resp("EXISTS", "ex:b") + resp("SET", "ex:b", "v") + resp("EXPIREAT", "ex:b", "-5") + resp("EXISTS", "ex:b"),
                resp("SET", "ex:c", "v") + resp("EXPIREAT", "ex:c", FAR_S, "XX") + resp("EXPIREAT", "ex:c", FAR_S, "NX")
                        + resp("EXPIREAT", "ex:c", FAR_S, "NX") + resp("EXPIREAT", "ex:c", "4102444801", "LT")
                        + resp("EXPIREAT", "ex:c", "4102444801", "GT") + resp("EXPIRETIME", "ex:c")
                        + resp("EXPIREAT", "ex:c", FAR_S, "NX", "XX") + resp("EXPIREAT", "ex:c", FAR_S, "GT", "LT")
                        + resp("EXPIREAT", "ex:c", FAR_S, "FOO") + resp("DEL", "ex:c"),
                resp("SET", "ex:d", "v") + resp("EXPIREAT", "ex:d", "abc") + resp("EXPIREAT", "ex:d", "9223372036854775807")
                        + resp("EXPIREAT", "ex:d", "-9223372036854775808") + resp("EXPIREAT", "ex:d", "9223372036854775")
                        + resp("PEXPIRE", "ex:d", "abc") + resp("PEXPIRE", "ex:d", "9223372036854775807")
                        + resp("PEXPIRE", "ex:d", "1.5") + resp("PEXPIRETIME", "ex:d") + resp("DEL", "ex:d"),
                resp("PEXPIRE", "ex:missing", "1000") + resp("SET", "ex:e", "v") + resp("PEXPIRE", "ex:e", "100000", "XX")
                        + resp("PEXPIRE", "ex:e", "100000") + resp("PEXPIRE", "ex:e", "100000", "NX") + resp("PEXPIRE", "ex:e", "0")
                        + resp("EXISTS", "ex:e"),
                resp("EXPIREAT", "k") + resp("PEXPIRE", "k") + resp("EXPIRETIME") + resp("PEXPIRETIME", "a", "b"),
                // OBJECT
                resp("OBJECT", "ENCODING", "ob:missing") + resp("OBJECT", "REFCOUNT", "ob:missing")
                        + resp("OBJECT", "FREQ", "ob:missing"),
                encodings("123", "-5", "0", "-0", "01", "+1", " 1", "1 ", "9223372036854775807", "9223372036854775808",
                        "-9223372036854775808", "-9223372036854775809", "12345678901234567890", "", "abc", "1.5",
                        "x".repeat(44), "x".repeat(45), "1".repeat(21), "9999", "10000", "-1"),
                resp("SET", "ob:a", "v") + resp("OBJECT", "FREQ", "ob:a") + resp("object", "encoding", "ob:a")
                        + resp("OBJECT", "IDLE", "ob:a") + resp("DEL", "ob:a"),
                resp("OBJECT", "HELP") + resp("object", "help") + resp("OBJECT", "foo") + resp("OBJECT", "foo", "bar"),
                resp("OBJECT") + resp("OBJECT", "ENCODING") + resp("OBJECT", "ENCODING", "a", "b") + resp("OBJECT", "HELP", "x"),
                // RANDOMKEY and KEYS where the order is fixed
                resp("SELECT", "12") + resp("RANDOMKEY") + resp("KEYS", "*") + resp("SET", "rk:only", "v") + resp("RANDOMKEY")
                        + resp("KEYS", "*") + resp("KEYS", "rk:*") + resp("KEYS", "nope*") + resp("KEYS", "rk:onl?")
                        + resp("DEL", "rk:only") + resp("RANDOMKEY") + resp("RANDOMKEY", "x") + resp("KEYS"),
                resp("SELECT", "12") + resp("SET", "", "empty key") + resp("KEYS", "*") + resp("KEYS", "**") + resp("KEYS", "")
                        + resp("RANDOMKEY") + resp("DEL", ""));
    }

    /** SET each value, then OBJECT ENCODING and OBJECT REFCOUNT of it. */
    private static String encodings(String... values) {
        StringBuilder requests = new StringBuilder();
        for (String value : values) {
            requests.append(resp("SET", "ob:e", value)).append(resp("OBJECT", "ENCODING", "ob:e"))
                    .append(resp("OBJECT", "REFCOUNT", "ob:e"));
        }
        return requests.append(resp("DEL", "ob:e")).toString();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void repliesAreByteForByteRedis(String requests) throws Exception {
        servers.assertSameReplies(requests);
    }
}
