package dev.redisfromscratch.strings;

import static dev.redisfromscratch.server.AofFiles.parse;
import static dev.redisfromscratch.server.AofFiles.serialize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.AofFiles;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the string commands write to the append-only file is what Redis 7.0.15 writes to its own,
 * byte for byte: the same script sent to lab 5 and to a real redis-server, both with
 * {@code appendonly yes} and {@code appendfsync always} (Redis's file is its incremental one).
 * This checks each of Redis's rewrites:
 * <ul>
 *   <li>INCRBYFLOAT as {@code SET key <value> KEEPTTL};
 *   <li>GETSET as {@code SET key value}; GETDEL as {@code DEL key};
 *   <li>GETEX with EX, PX, EXAT or PXAT as {@code PEXPIREAT key <ms>}, with PERSIST as
 *       {@code PERSIST key}, with a time already past as {@code DEL key}, without an option (or a
 *       PERSIST of a key without TTL) as nothing;
 *   <li>SETEX and PSETEX as {@code SET key value PXAT <ms>};
 *   <li>and nothing at all for what changed nothing (MSETNX that set nothing, SETNX of an existing
 *       key, SETRANGE with an empty value, errors).
 * </ul>
 * Times the script gives relative to now (SETEX, GETEX EX) are the only bytes that differ: they are
 * checked on their own (ours exactly, on the server's clock; Redis's within the run's real time),
 * then compared as {@code <ms>}.
 */
class StringCommandsAofParityTest {
    private static final String FAR_MS = "4102444800000"; // 2100-01-01, in Unix ms
    private static final String FAR_S = "4102444800";

    /** The script: every request, in order. */
    private static final List<List<String>> SCRIPT = List.of(
            List.of("APPEND", "a", "hello"),
            List.of("APPEND", "a", ""),                 // a change, though empty: propagated
            List.of("SETRANGE", "a", "1", "E"),
            List.of("SETRANGE", "a", "0", ""),          // nothing
            List.of("INCR", "n"),
            List.of("DECR", "n"),
            List.of("incrby", "n", "10"),               // as sent, in lower case
            List.of("DECRBY", "n", "3"),
            List.of("INCRBY", "n", "abc"),              // an error: nothing
            List.of("INCRBYFLOAT", "f", "10.5"),
            List.of("INCRBYFLOAT", "f", "0.1"),
            List.of("SET", "ft", "1", "PXAT", FAR_MS),
            List.of("INCRBYFLOAT", "ft", "1.5e0"),
            List.of("MSET", "m1", "a", "m2", "b\r\n\0"),
            List.of("MSETNX", "m1", "x", "m3", "y"),    // nothing
            List.of("MSETNX", "m3", "x", "m4", "y"),
            List.of("GETSET", "m1", "z"),
            List.of("GETDEL", "m2"),
            List.of("GETDEL", "m2"),                    // nothing
            List.of("GETEX", "a"),                      // nothing
            List.of("GETEX", "a", "PXAT", FAR_MS),
            List.of("GETEX", "a", "exat", FAR_S),
            List.of("GETEX", "a", "PERSIST"),
            List.of("GETEX", "a", "PERSIST"),           // no TTL left: nothing
            List.of("GETEX", "a", "EX", "100"),         // relative
            List.of("GETEX", "a", "PX", "5000"),        // relative
            List.of("GETEX", "m3", "EXAT", "1"),        // already past: DEL
            List.of("SETNX", "s", "1"),
            List.of("SETNX", "s", "2"),                 // nothing
            List.of("SETEX", "se", "100", "v"),         // relative
            List.of("PSETEX", "pe", "5000", "w"),       // relative
            List.of("SETEX", "se", "0", "v"),           // an error: nothing
            List.of("GET", "a"));

    /** The relative times of the script, in ms, in the order their commands propagate. */
    private static final long[] RELATIVE = {100_000, 5_000, 100_000, 5_000};

    private static void run(int port) throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            for (List<String> request : SCRIPT) {
                c.send(Request.resp(request.toArray(String[]::new)).bytes());
                String line = c.readLine();
                if (line.startsWith("$") && !line.equals("$-1\r\n")) {
                    c.readLine(); // the bulk's bytes: none of the values here holds a line break
                }
            }
            c.send("PING\r\n").read("+PONG\r\n");
        }
    }

    @Test
    void ourFileIsRedisFileByteForByteButForRelativeTimes() throws Exception {
        String mine;
        long ourNow;
        try (IntegratedServerFixture ours = IntegratedServerFixture.start("appendonly", "yes", "appendfsync", "always")) {
            ourNow = ours.clock.millis();
            run(ours.port);
            mine = AofFiles.ours(ours);
        }
        String theirs;
        long before;
        long after;
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            before = System.currentTimeMillis();
            run(redis.port());
            after = System.currentTimeMillis();
            theirs = AofFiles.redis(redis);
        }

        List<List<String>> ourCommands = parse(mine);
        List<List<String>> redisCommands = parse(theirs);
        assertThat(serialize(ourCommands)).as("our file is only multibulk requests").isEqualTo(mine);
        assertThat(serialize(redisCommands)).as("Redis's file is only multibulk requests").isEqualTo(theirs);

        List<String> ourTimes = relativeTimes(ourCommands);
        List<String> redisTimes = relativeTimes(redisCommands);
        assertThat(ourTimes).hasSize(RELATIVE.length);
        assertThat(redisTimes).hasSize(RELATIVE.length);
        for (int i = 0; i < RELATIVE.length; i++) {
            assertThat(Long.parseLong(ourTimes.get(i))).isEqualTo(ourNow + RELATIVE[i]);
            assertThat(Long.parseLong(redisTimes.get(i))).isBetween(before + RELATIVE[i], after + RELATIVE[i]);
        }
        assertThat(serialize(ourCommands)).isEqualTo(serialize(redisCommands));
    }

    /**
     * Replaces, in place, the times of {@code SET ... PXAT t} and {@code PEXPIREAT k t} that are not
     * the script's absolute {@link #FAR_MS} with {@code <ms>}.
     *
     * @return the times replaced, in order
     */
    private static List<String> relativeTimes(List<List<String>> commands) {
        List<String> times = new ArrayList<>();
        for (List<String> command : commands) {
            int at = command.get(0).equals("SET") && command.size() == 5 && command.get(3).equals("PXAT") ? 4
                    : command.get(0).equals("PEXPIREAT") ? 2 : -1;
            if (at > 0 && !command.get(at).equals(FAR_MS)) {
                times.add(command.get(at));
                command.set(at, "<ms>");
            }
        }
        return times;
    }
}
