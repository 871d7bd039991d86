package dev.redisfromscratch.multi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.Dialogue;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Transactions on lab 5's server, where a real Redis cannot follow (time moved by the test's
 * clock, the server's own state) or as a file: WATCH and expiry, the append-only file of a
 * transaction, a client that vanishes mid-transaction.
 */
@Stage(lab = 5, value = 2)
class TransactionsTest {
    private static final String FAR = "4102444800000"; // 2100-01-01, in Unix ms

    @Test
    @Points(2)
    void aWatchedKeyThatExpiresBeforeExecAbortsItEvenIfNothingReclaimedIt() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(); Dialogue d = Dialogue.open(f.port, 1)) {
            d.send(0, "SET", "k", "v", "PX", "1000");
            d.send(0, "WATCH", "k");
            f.clock.advance(Duration.ofMillis(1001)); // k has expired, but nothing touched it

            assertThat(d.sendRaw(0, "MULTI\r\nSET other 1\r\nEXEC\r\n")).isEqualTo("+OK\r\n+QUEUED\r\n*-1\r\n");
            assertThat(d.send(0, "EXISTS", "other")).isEqualTo(":0\r\n");
        }
    }

    @Test
    @Points(2)
    void aWatchedKeyReclaimedByAnotherClientsReadIsTouched() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(); Dialogue d = Dialogue.open(f.port, 2)) {
            d.send(0, "SET", "k", "v", "PX", "1000");
            d.send(0, "WATCH", "k");
            f.clock.advance(Duration.ofMillis(1001));
            assertThat(d.send(1, "GET", "k")).isEqualTo("$-1\r\n"); // lazy expiry: DEL k is propagated

            assertThat(d.sendRaw(0, "MULTI\r\nGET k\r\nEXEC\r\n")).isEqualTo("+OK\r\n+QUEUED\r\n*-1\r\n");
        }
    }

    @Test
    void aKeyAlreadyExpiredWhenWatchedCountsAsAbsentUntilSomethingSetsIt() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(); Dialogue d = Dialogue.open(f.port, 2)) {
            d.send(0, "SET", "k", "v", "PX", "1000");
            f.clock.advance(Duration.ofMillis(1001));
            d.send(0, "WATCH", "k");
            d.send(1, "GET", "k"); // reclaims it: no logical change, k was already gone
            assertThat(d.sendRaw(0, "MULTI\r\nGET k\r\nEXEC\r\n")).isEqualTo("+OK\r\n+QUEUED\r\n*1\r\n$-1\r\n");

            d.send(0, "WATCH", "k");
            d.send(1, "SET", "k", "again");
            assertThat(d.sendRaw(0, "MULTI\r\nGET k\r\nEXEC\r\n")).isEqualTo("+OK\r\n+QUEUED\r\n*-1\r\n");
        }
    }

    @Test
    @Points(3)
    void aTransactionIsPropagatedAsOneMultiExecBlockAsRedisWritesIt() throws Exception {
        List<String[]> steps = List.of(
                new String[] {"0", "MULTI\r\nSET a 1\r\nGET a\r\nEXEC\r\n"},              // one write: alone
                new String[] {"0", "MULTI\r\nSET b 2\r\nSET c 3 PXAT " + FAR + "\r\nDEL a\r\nEXEC\r\n"},
                new String[] {"0", "MULTI\r\nGET b\r\nEXEC\r\n"},                          // nothing written
                new String[] {"0", "MULTI\r\nSET x 1\r\nFOO\r\nEXEC\r\n"},                 // EXECABORT
                new String[] {"0", "WATCH", "b"},
                new String[] {"1", "SET", "b", "from-another-client"},
                new String[] {"0", "MULTI\r\nSET y 1\r\nEXEC\r\n"},                       // *-1
                new String[] {"0", "MULTI\r\nSET f 1\r\nSET f 2 EX 0\r\nSET g 1\r\nEXEC\r\n"}, // one fails
                new String[] {"1", "SET", "h", "after"});
        String mine;
        try (IntegratedServerFixture f = IntegratedServerFixture.start("appendonly", "yes", "appendfsync", "always")) {
            Dialogue.transcript(f.port, 2, steps);
            mine = Files.readString(f.dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
        }
        String theirs;
        try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            Dialogue.transcript(redis.port(), 2, steps);
            theirs = Files.readString(redis.dir().resolve("appendonlydir").resolve("appendonly.aof.1.incr.aof"),
                    StandardCharsets.ISO_8859_1);
        }
        assertThat(RawClient.show(mine.getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(RawClient.show(theirs.getBytes(StandardCharsets.ISO_8859_1)))
                .contains("*1\\r\\n$5\\r\\nMULTI\\r\\n*3\\r\\n$3\\r\\nSET\\r\\n$1\\r\\nb\\r\\n");
    }

    @Test
    @Points(2)
    void aClientThatVanishesMidTransactionLeavesNothingBehind() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(); Dialogue d = Dialogue.open(f.port, 1)) {
            RawClient gone = RawClient.connect(f.port);
            gone.send("WATCH k\r\nMULTI\r\nSET k v\r\n").read("+OK\r\n+OK\r\n+QUEUED\r\n");
            assertThat(watchedKeys(f)).isEqualTo(1);
            gone.close(); // no EXEC, ever

            awaitTrue(() -> clientCount(f) == 1); // only the dialogue's connection is left
            assertThat(watchedKeys(f)).isZero();
            assertThat(d.send(0, "EXISTS", "k")).isEqualTo(":0\r\n");
            assertThat(d.sendRaw(0, "MULTI\r\nSET k mine\r\nEXEC\r\n")).isEqualTo("+OK\r\n+QUEUED\r\n*1\r\n+OK\r\n");
        }
    }

    private static int watchedKeys(IntegratedServerFixture f) {
        f.server.lock().lock();
        try {
            return f.server.transactions().watched().size();
        } finally {
            f.server.lock().unlock();
        }
    }

    private static int clientCount(IntegratedServerFixture f) {
        f.server.lock().lock();
        try {
            return f.server.clients().size();
        } finally {
            f.server.lock().unlock();
        }
    }

    /** Polls a condition the server reaches on another thread (a client's thread noticing its socket closed). */
    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
