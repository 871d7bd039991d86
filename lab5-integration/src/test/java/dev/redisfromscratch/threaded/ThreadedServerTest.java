package dev.redisfromscratch.threaded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Stage 1: a thread per client and one global lock. Many clients are connected and served at
 * once; commands stay atomic; a client that stops reading, vanishes or idles holds up nobody; the
 * limits ({@code maxclients}, {@code timeout}) behave as Redis's; the cron still runs.
 */
@Stage(lab = 5, value = 1)
class ThreadedServerTest {

    @Test
    @Points(3)
    void manyConnectedClientsAreServedInAnyOrder() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start()) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    clients.add(RawClient.connect(f.port)); // all connected before any is served
                }
                for (int i = clients.size() - 1; i >= 0; i--) { // the last to connect asks first
                    clients.get(i).send("PING\r\n");
                    assertThat(clients.get(i).read("+PONG\r\n")).isEqualTo("+PONG\r\n");
                }
            } finally {
                for (RawClient c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    @Points(3)
    void racingSetNxFromManyThreadsHasExactlyOneWinner() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start()) {
            int threads = 8;
            int rounds = 100;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch ready = new CountDownLatch(threads);
                List<Future<Integer>> wins = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String me = "thread-" + t;
                    Callable<Integer> racer = () -> {
                        try (Jedis jedis = new Jedis("127.0.0.1", f.port)) {
                            jedis.ping();
                            ready.countDown();
                            ready.await();
                            int won = 0;
                            for (int r = 0; r < rounds; r++) {
                                if ("OK".equals(jedis.set("lock:" + r, me, SetParams.setParams().nx()))) {
                                    won++;
                                }
                            }
                            return won;
                        }
                    };
                    wins.add(pool.submit(racer));
                }
                int total = 0;
                for (Future<Integer> w : wins) {
                    total += w.get();
                }
                assertThat(total).as("SET NX winners over %d rounds", rounds).isEqualTo(rounds);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @Points(3)
    void aClientThatNeverReadsItsRepliesHoldsUpNobody() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             Jedis setup = new Jedis("127.0.0.1", f.port);
             RawClient stuck = RawClient.connect(f.port);
             RawClient other = RawClient.connect(f.port)) {
            setup.set("big", "x".repeat(256 * 1024));
            StringBuilder gets = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                gets.append("GET big\r\n"); // 25 MB of replies that "stuck" never reads
            }
            stuck.send(gets.toString());
            other.send("PING\r\n");
            assertThat(other.read("+PONG\r\n")).isEqualTo("+PONG\r\n");
            assertThat(setup.get("missing")).isNull();
        }
    }

    @Test
    @Points(2)
    void theClientOverMaxclientsGetsRedisErrorAndIsClosed() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("maxclients", "2");
             RawClient first = RawClient.connect(f.port);
             RawClient second = RawClient.connect(f.port)) {
            first.send("PING\r\n").read("+PONG\r\n");
            second.send("PING\r\n").read("+PONG\r\n");
            try (RawClient third = RawClient.connect(f.port)) {
                assertThat(third.readUntilClosed()).isEqualTo("-ERR max number of clients reached\r\n");
            }
            second.send("PING\r\n");
            assertThat(second.read("+PONG\r\n")).as("the others are still served").isEqualTo("+PONG\r\n");
            first.close();
            assertThat(connectWithinLimit(f.port)).as("a place freed by a client that left is taken again").isTrue();
        }
    }

    /** Retries until the server has noticed a client left (it does so on that client's thread). */
    private static boolean connectWithinLimit(int port) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (RawClient c = RawClient.connect(port)) {
                c.send("PING\r\n");
                String first = c.readLine();
                if (first.equals("+PONG\r\n")) {
                    return true;
                }
            } catch (IOException refusedMeanwhile) {
                // closed before PING was read: try again
            }
        }
        return false;
    }

    @Test
    @Points(2)
    void anIdleClientIsClosedAfterTimeoutOthersAreNot() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("timeout", "10");
             RawClient idle = RawClient.connect(f.port)) {
            idle.send("PING\r\n").read("+PONG\r\n");
            f.clock.advance(Duration.ofSeconds(11)); // the cron sees 11 s of silence
            assertThat(idle.isClosedByServer()).as("closed by the cron within RawClient's timeout").isTrue();
            assertThat(f.log).contains("Closing idle client");
            try (RawClient fresh = RawClient.connect(f.port)) {
                fresh.send("PING\r\n");
                assertThat(fresh.read("+PONG\r\n")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    @Points(2)
    void theCronThreadExpiresKeysNobodyReads() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start();
             Jedis jedis = new Jedis("127.0.0.1", f.port)) {
            for (int i = 0; i < 20; i++) {
                jedis.set("temp:" + i, "v", SetParams.setParams().px(100));
            }
            jedis.set("kept", "v");
            f.clock.advance(Duration.ofSeconds(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long size = jedis.dbSize(); // DBSIZE counts expired keys not yet reclaimed
            while (size > 1 && System.nanoTime() < deadline) {
                size = jedis.dbSize();
            }
            assertThat(size).as("keys left after active expiry").isEqualTo(1);
        }
    }

    @Test
    @Points(2)
    void shutdownSavesTheSnapshotAndStopsTheServer() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start("save", "3600 1")) {
            try (RawClient c = RawClient.connect(f.port)) {
                c.send("SET k v\r\n").read("+OK\r\n");
                c.send("SHUTDOWN\r\n");
                assertThat(c.readUntilClosed()).isEmpty(); // SHUTDOWN answers nothing when it succeeds
            }
            f.server.awaitStop();
            assertThat(Files.readString(f.dir.resolve("dump.json"))).contains("\"key\":\"k\"");
        }
    }
}
