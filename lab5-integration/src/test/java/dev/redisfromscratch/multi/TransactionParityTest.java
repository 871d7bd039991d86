package dev.redisfromscratch.multi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.Dialogue;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ParityServers;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH against a real redis-server 7.0.15: the same steps, on
 * one or two connections, get the same bytes back. Each case uses its own keys (some flush the
 * database, and work the same on an empty one).
 */
@Stage(lab = 5, value = 2)
class TransactionParityTest {
    private static ParityServers servers;
    private static IntegratedServerFixture ours;
    private static RealRedis redis;

    @BeforeAll
    static void start() throws Exception {
        servers = ParityServers.start();
        ours = servers.ours;
        redis = servers.redis;
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static String[] step(int conn, String... args) {
        String[] s = new String[args.length + 1];
        s[0] = Integer.toString(conn);
        System.arraycopy(args, 0, s, 1, args.length);
        return s;
    }

    /** Several inline requests sent at once on one connection, ending outside MULTI. */
    private static String[] raw(int conn, String... lines) {
        return step(conn, String.join("\r\n", lines) + "\r\n");
    }

    private static List<String[]> steps(String[]... steps) {
        return List.of(steps);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("queued commands answer +QUEUED, EXEC their replies", steps(
                        raw(0, "MULTI", "SET t1 1", "GET t1", "PING", "ECHO hi", "DEL t1", "EXEC"))),
                Arguments.of("an empty transaction", steps(raw(0, "MULTI", "EXEC"))),
                Arguments.of("MULTI and WATCH inside MULTI are errors that do not doom it", steps(
                        raw(0, "MULTI", "MULTI", "WATCH t3", "SET t3 v", "EXEC"), step(0, "GET", "t3"))),
                Arguments.of("EXEC and DISCARD without MULTI", steps(step(0, "EXEC"), step(0, "DISCARD"))),
                Arguments.of("an unknown command or a wrong arity while queuing: EXECABORT, nothing runs", steps(
                        raw(0, "MULTI", "SET t5 v", "FOO bar", "GET", "SET t5 w", "EXEC"), step(0, "EXISTS", "t5"))),
                Arguments.of("EXEC with arguments is refused and dooms the transaction", steps(
                        raw(0, "MULTI", "SET t6 v", "EXEC now", "EXEC"), step(0, "EXISTS", "t6"))),
                Arguments.of("a command failing at run time fails alone: no rollback", steps(
                        raw(0, "MULTI", "SET t7a 1", "SET t7b 2 EX 0", "SET t7c 3 FOO", "SET t7d 4", "EXEC"),
                        step(0, "EXISTS", "t7a", "t7b", "t7c", "t7d"))),
                Arguments.of("a no-multi command is refused while queuing", steps(raw(0, "MULTI", "SAVE", "EXEC"))),
                Arguments.of("DISCARD drops the queue", steps(
                        raw(0, "MULTI", "SET t9 v", "DISCARD"), step(0, "GET", "t9"), step(0, "DISCARD"))),
                Arguments.of("a watched key set by another client: EXEC answers *-1", steps(
                        step(0, "WATCH", "t10"), step(1, "SET", "t10", "x"),
                        raw(0, "MULTI", "SET t10 y", "EXEC"), step(0, "GET", "t10"))),
                Arguments.of("a watched key nobody touched", steps(
                        step(0, "SET", "t11", "a"), step(0, "WATCH", "t11", "t11b"), step(1, "GET", "t11"),
                        raw(0, "MULTI", "SET t11 b", "EXEC"), step(0, "GET", "t11"))),
                Arguments.of("the watching client's own write counts", steps(
                        step(0, "WATCH", "t12"), step(0, "SET", "t12", "1"), raw(0, "MULTI", "GET t12", "EXEC"))),
                Arguments.of("UNWATCH forgets the keys and the touch", steps(
                        step(0, "WATCH", "t13"), step(1, "SET", "t13", "x"), step(0, "UNWATCH"),
                        raw(0, "MULTI", "GET t13", "EXEC"))),
                Arguments.of("EXEC ends the watch", steps(
                        step(0, "WATCH", "t14"), raw(0, "MULTI", "EXEC"), step(1, "SET", "t14", "x"),
                        raw(0, "MULTI", "GET t14", "EXEC"))),
                Arguments.of("DEL of an absent watched key changes nothing", steps(
                        step(0, "SET", "t15other", "1"), step(0, "WATCH", "t15"), step(1, "DEL", "t15", "t15other"),
                        raw(0, "MULTI", "GET t15", "EXEC"))),
                Arguments.of("DEL of an existing watched key", steps(
                        step(0, "SET", "t16", "1"), step(0, "WATCH", "t16"), step(1, "DEL", "t16"),
                        raw(0, "MULTI", "GET t16", "EXEC"))),
                Arguments.of("a write that changed nothing touches nothing", steps(
                        step(0, "SET", "t17", "1"), step(0, "WATCH", "t17"), step(1, "SET", "t17", "2", "NX"),
                        step(1, "EXPIRE", "t17missing", "10"), raw(0, "MULTI", "GET t17", "EXEC"))),
                Arguments.of("EXPIRE by another client touches", steps(
                        step(0, "SET", "t18", "1"), step(0, "WATCH", "t18"), step(1, "EXPIRE", "t18", "100"),
                        raw(0, "MULTI", "GET t18", "EXEC"))),
                Arguments.of("an EXPIRE in the past deletes, and touches", steps(
                        step(0, "SET", "t19", "1"), step(0, "WATCH", "t19"), step(1, "PEXPIREAT", "t19", "1"),
                        raw(0, "MULTI", "GET t19", "EXEC"))),
                Arguments.of("FLUSHDB touches the watched keys that existed", steps(
                        step(0, "SET", "t20a", "1"), step(0, "WATCH", "t20a"), step(1, "FLUSHDB"),
                        raw(0, "MULTI", "GET t20a", "EXEC"))),
                Arguments.of("FLUSHALL does not touch a watched key that did not exist", steps(
                        step(0, "WATCH", "t21"), step(1, "FLUSHALL"), raw(0, "MULTI", "GET t21", "EXEC"))),
                Arguments.of("WATCH and MULTI with the wrong arity", steps(
                        step(0, "WATCH"), step(0, "MULTI", "x"), step(0, "UNWATCH", "x"))),
                Arguments.of("a transaction of reads and writes across keys", steps(
                        step(1, "SET", "t23a", "1"),
                        raw(0, "MULTI", "GET t23a", "SET t23b 2 GET", "DEL t23a t23b t23c", "EXISTS t23a", "EXEC"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Points(1)
    void transcriptsAreRedisByteForByte(String name, List<String[]> steps) throws Exception {
        assertThat(Dialogue.transcript(ours.port, 2, steps)).isEqualTo(Dialogue.transcript(redis.port(), 2, steps));
    }

    @Test
    void quitInsideMultiClosesAndRunsNothing() throws Exception {
        String request = "MULTI\r\nSET tq v\r\nQUIT\r\n";
        assertThat(RawClient.exchangeUntilClosed(ours.port, request))
                .isEqualTo(RawClient.exchangeUntilClosed(redis.port(), request))
                .isEqualTo("+OK\r\n+QUEUED\r\n+OK\r\n");
        try (Dialogue d = Dialogue.open(ours.port, 1)) {
            assertThat(d.send(0, "EXISTS", "tq")).isEqualTo(":0\r\n");
        }
    }
}
