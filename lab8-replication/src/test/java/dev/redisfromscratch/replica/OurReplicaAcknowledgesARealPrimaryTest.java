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
import redis.clients.jedis.Protocol;

/**
 * Interop, offsets and acknowledgements: a real {@code redis-server} primary's {@code WAIT} is
 * answered by our replica's ACKs, its {@code INFO} shows our offset, and when it cuts our link
 * ({@code CLIENT KILL TYPE replica}) our replica continues with {@code PSYNC}: a partial
 * resynchronization ({@code sync_partial_ok:1}), not a second full one.
 */
@Stage(lab = 8, value = 3)
@Timeout(30)
class OurReplicaAcknowledgesARealPrimaryTest {

    @Test
    @Points(2)
    void waitOnARealPrimaryCountsOurReplica() throws Exception {
        try (RealRedis real = RealRedis.start("--repl-diskless-sync-delay", "0");
             Jedis p = new Jedis("127.0.0.1", real.port());
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + real.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            Replication.awaitLinkUp(r);
            Replication.await("the primary sees our replica online",
                    () -> p.info("replication").contains("state=online"));
            p.set("k", "v");
            assertThat(p.waitReplicas(1, 2000)).isEqualTo(1L); // GETACK, answered at once (2 s: a starter fails fast)
            long offset = Replication.masterOffset(p);
            // the ACK the primary holds counts every byte up to the write
            Replication.await("slave0's offset " + offset,
                    () -> offsetOfSlave0(p.info("replication")) >= offset);
            assertThat(r.get("k")).isEqualTo("v");
        }
    }

    private static long offsetOfSlave0(String info) {
        String line = Replication.field(info, "slave0");
        if (line == null) {
            return -1;
        }
        for (String part : line.split(",")) {
            if (part.startsWith("offset=")) {
                return Long.parseLong(part.substring("offset=".length()));
            }
        }
        return -1;
    }

    @Test
    @Points(3)
    void aCutLinkContinuesWithAPartialResync() throws Exception {
        try (RealRedis real = RealRedis.start("--repl-diskless-sync-delay", "0");
             Jedis p = new Jedis("127.0.0.1", real.port());
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + real.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            p.set("before", "1");
            Replication.awaitLinkUp(r);
            Replication.awaitOffset(r, Replication.masterOffset(p));
            assertThat(Replication.field(p.info("stats"), "sync_full")).isEqualTo("1");

            p.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "replica");
            p.set("during", "2"); // in the primary's backlog while the link is down
            Replication.await("a partial resynchronization", () -> "PONG".equals(r.ping()) // ours still runs
                    && "1".equals(Replication.field(p.info("stats"), "sync_partial_ok")));
            p.set("after", "3");
            Replication.awaitOffset(r, Replication.masterOffset(p));
            assertThat(r.get("before")).isEqualTo("1");
            assertThat(r.get("during")).isEqualTo("2");
            assertThat(r.get("after")).isEqualTo("3");
            assertThat(Replication.field(p.info("stats"), "sync_full")).isEqualTo("1");
            assertThat(ours.log).contains("Connection with master lost.",
                    "MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
        }
    }

    @Test
    @Points(1)
    void clientKillTypeMasterOnOurReplicaReconnectsWithPsync() throws Exception {
        try (RealRedis real = RealRedis.start("--repl-diskless-sync-delay", "0");
             Jedis p = new Jedis("127.0.0.1", real.port());
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + real.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            Replication.awaitLinkUp(r);
            assertThat(r.clientList()).containsPattern("addr=127\\.0\\.0\\.1:" + real.port() + " .*flags=M ");
            r.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "master");
            Replication.await("a partial resynchronization", () -> "PONG".equals(r.ping()) // ours still runs
                    && "1".equals(Replication.field(p.info("stats"), "sync_partial_ok")));
            p.set("k", "after");
            Replication.awaitOffset(r, Replication.masterOffset(p));
            assertThat(r.get("k")).isEqualTo("after");
            assertThat(Replication.field(p.info("stats"), "sync_full")).isEqualTo("1");
        }
    }
}
