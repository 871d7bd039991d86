package dev.redisfromscratch.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * A chain: a real primary, our replica, and a real replica of ours. Our replica passes on the
 * stream it applies exactly as it came, so the last replica mirrors the first primary and stands
 * at the same offset.
 */
@Stage(lab = 8, value = 2) // our replica serves its own replica: the backlog and the PSYNC decision
@Timeout(40)
class ChainedReplicaTest {

    @Test
    @Points(1)
    void aRealReplicaOfOurReplicaMirrorsTheRealPrimary() throws Exception {
        try (RealRedis top = RealRedis.start("--repl-diskless-sync-delay", "0");
             Jedis p = new Jedis("127.0.0.1", top.port());
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + top.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            p.set("before", "1");
            Replication.awaitLinkUp(r);
            try (RealRedis bottom = RealRedis.start("--replicaof", "127.0.0.1", Integer.toString(ours.port));
                 Jedis b = new Jedis("127.0.0.1", bottom.port())) {
                Replication.awaitLinkUp(b);
                p.set("after", "2");
                p.rpush("l", "x", "y");
                long offset = Replication.masterOffset(p);
                Replication.awaitOffset(r, offset);
                Replication.awaitOffset(b, offset);
                assertThat(b.get("before")).isEqualTo("1");
                assertThat(b.get("after")).isEqualTo("2");
                assertThat(b.lrange("l", 0, -1)).containsExactly("x", "y");
                assertThat(Replication.field(b.info("replication"), "master_replid"))
                        .isEqualTo(Replication.field(p.info("replication"), "master_replid"));
            }
        }
    }
}
