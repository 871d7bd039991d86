package dev.redisfromscratch.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.TempDirs;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * A replica with {@code appendonly yes}: after the full resynchronization its append-only file is
 * started again from the loaded data (Redis's {@code restartAOFAfterSYNC}), then takes the stream;
 * restarted on its own, it has everything.
 */
@Stage(lab = 8, value = 1)
@Timeout(40)
class ReplicaPersistenceTest {

    @Test
    @Points(1)
    void theAppendOnlyFileHoldsTheSnapshotAndTheStream() throws Exception {
        Path dir = TempDirs.create("lab8-replica-aof-");
        try (RealRedis real = RealRedis.start("--repl-diskless-sync", "no");
             Jedis p = new Jedis("127.0.0.1", real.port())) {
            p.set("a", "1");
            p.rpush("l", "x", "y");
            IntegratedServerFixture ours = IntegratedServerFixture.startIn(dir, ReplicationServer.extensions(),
                    "replicaof", "127.0.0.1 " + real.port(), "appendonly", "yes");
            try (Jedis r = new Jedis("127.0.0.1", ours.port)) {
                Replication.awaitLinkUp(r);
                p.set("b", "2");
                Replication.awaitOffset(r, Replication.masterOffset(p));
                Replication.await("the append-only file's rewrite", () -> {
                    String info = r.info("persistence");
                    return "0".equals(Replication.field(info, "aof_rewrite_in_progress"))
                            && "0".equals(Replication.field(info, "aof_rewrite_scheduled"));
                });
            } finally {
                ours.stopKeepingFiles();
            }
        }
        try (IntegratedServerFixture again = IntegratedServerFixture.startIn(dir, ReplicationServer.extensions(),
                "appendonly", "yes");
             Jedis r = new Jedis("127.0.0.1", again.port)) {
            assertThat(r.get("a")).isEqualTo("1");
            assertThat(r.lrange("l", 0, -1)).containsExactly("x", "y");
            assertThat(r.get("b")).isEqualTo("2");
        }
    }
}
