package dev.redisfromscratch.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Interop, the strongest check of the primary there is: a real Redis 7 {@code redis-server
 * --replicaof} our primary loads our snapshot (strings, lists, sets, expire times, several
 * databases) and applies our stream, and after a cut link continues with a partial resync.
 *
 * <p>Redis: {@code replication.c}, both sides.
 */
@Stage(lab = 8, value = 2)
class RealReplicaOfOurPrimaryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    @Points(3)
    void aRealReplicaMirrorsOurSnapshotAndThenOurStream() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             Jedis ours = new Jedis("127.0.0.1", f.port)) {
            f.clock.advance(Duration.ofMillis(System.currentTimeMillis() - f.clock.millis())); // TTLs as Redis sees them
            ours.set("s", "hello");
            ours.set("n", "12345");
            ours.set("big", "abc".repeat(1000));
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                items.add("item-" + i);
            }
            ours.rpush("list", items.toArray(String[]::new));
            ours.sadd("ints", "1", "2", "300", "-7");
            ours.sadd("words", "a", "b", "c");
            ours.set("ttl", "v");
            ours.pexpire("ttl", 1_000_000);
            ours.select(3);
            ours.set("in3", "x");

            try (RealRedis real = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(f.port));
                 Jedis replica = new Jedis("127.0.0.1", real.port())) {
                await(f, () -> replica.info("replication").contains("master_link_status:up"), "link up");
                assertThat(replica.get("s")).isEqualTo("hello");
                assertThat(replica.get("n")).isEqualTo("12345");
                assertThat(replica.get("big")).isEqualTo("abc".repeat(1000));
                assertThat(replica.lrange("list", 0, -1)).isEqualTo(items);
                assertThat(replica.smembers("ints")).containsExactlyInAnyOrder("1", "2", "300", "-7");
                assertThat(replica.smembers("words")).containsExactlyInAnyOrder("a", "b", "c");
                assertThat(replica.pttl("ttl")).isBetween(900_000L, 1_000_000L);
                replica.select(3);
                assertThat(replica.get("in3")).isEqualTo("x");

                // the stream: writes in db 3, then in db 0
                ours.set("after", "1");
                ours.select(0);
                ours.lpush("list", "first");
                ours.srem("words", "a");
                ours.del("n");
                ours.expire("s", 500);
                replica.select(0);
                await(f, () -> replica.ttl("s") > 0, "EXPIRE applied");
                assertThat(replica.lindex("list", 0)).isEqualTo("first");
                assertThat(replica.smembers("words")).containsExactlyInAnyOrder("b", "c");
                assertThat(replica.exists("n")).isFalse();
                assertThat(replica.ttl("s")).isBetween(490L, 500L);
                replica.select(3);
                assertThat(replica.get("after")).isEqualTo("1");
                assertThat(ours.info("replication")).contains("connected_slaves:1")
                        .containsPattern("slave0:ip=127\\.0\\.0\\.1,port=" + real.port() + ",state=online");
            }
        }
    }

    @Test
    @Points(2)
    void aRealReplicaWhoseLinkIsCutContinuesWithAPartialResync() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             Jedis ours = new Jedis("127.0.0.1", f.port);
             RealRedis real = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(f.port));
             Jedis replica = new Jedis("127.0.0.1", real.port())) {
            await(f, () -> replica.info("replication").contains("master_link_status:up"), "link up");
            ours.set("before", "1");
            await(f, () -> "1".equals(replica.get("before")), "first write");

            ours.clientKill(new redis.clients.jedis.params.ClientKillParams()
                    .type(redis.clients.jedis.args.ClientType.REPLICA));
            ours.set("during", "2");
            await(f, () -> "2".equals(replica.get("during")), "the write made while the link was down");
            String stats = ours.info("stats");
            assertThat(stats).contains("sync_full:1\r\n", "sync_partial_ok:1\r\n", "sync_partial_err:0\r\n");
            assertThat(f.log).anyMatch(l -> l.startsWith("Partial resynchronization request from 127.0.0.1:"
                    + real.port() + " accepted."));
        }
    }

    /** Polls until {@code condition}; fails at once if our server stopped on a {@code TODO(lab8)} stub. */
    static void await(IntegratedServerFixture f, Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            f.log.stream().filter(l -> l.contains("TODO(lab8)")).findFirst().ifPresent(stub -> {
                throw new AssertionError("our primary stopped: " + stub);
            });
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // e.g. LOADING while the replica loads the snapshot
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
