package dev.redisfromscratch.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Lab 8 on both ends: our replica of our primary mirrors it (full resync, then the stream); a
 * promoted replica ({@code REPLICAOF NO ONE}) keeps its data and starts a new history whose
 * previous ID ({@code master_replid2}) lets a second replica of the old primary continue with it
 * by a partial resynchronization.
 */
@Stage(lab = 8, value = 3) // the primary's backlog and PSYNC decision (stage 2), our cached primary (stage 3)
@Timeout(40)
class OurReplicaOfOurPrimaryTest {

    @Test
    @Points(2)
    void mirrorsOurPrimary() throws Exception {
        try (IntegratedServerFixture primary = IntegratedServerFixture.start(ReplicationServer.extensions());
             Jedis p = new Jedis("127.0.0.1", primary.port)) {
            primary.clock.advance(Duration.ofMillis(System.currentTimeMillis() - primary.clock.millis()));
            p.set("s", "v");
            p.rpush("l", "a", "b");
            p.sadd("set", "1", "2", "x");
            p.set("ttl", "v");
            p.pexpire("ttl", 600_000);
            p.select(4);
            p.set("in4", "four");
            try (IntegratedServerFixture replica = IntegratedServerFixture.start(ReplicationServer.extensions(),
                    "replicaof", "127.0.0.1 " + primary.port);
                 Jedis r = new Jedis("127.0.0.1", replica.port)) {
                replica.clock.advance(Duration.ofMillis(primary.clock.millis() - replica.clock.millis()));
                Replication.awaitLinkUp(r);
                p.select(0);
                p.set("after", "sync");
                p.lpush("l", "z");
                Replication.awaitOffset(r, Replication.masterOffset(p));
                assertThat(r.get("s")).isEqualTo("v");
                assertThat(r.lrange("l", 0, -1)).containsExactly("z", "a", "b");
                assertThat(r.smembers("set")).isEqualTo(Set.of("1", "2", "x"));
                assertThat(r.pttl("ttl")).isBetween(590_000L, 600_000L);
                assertThat(r.get("after")).isEqualTo("sync");
                r.select(4);
                assertThat(r.get("in4")).isEqualTo("four");
                assertThat(p.info("replication")).contains("connected_slaves:1\r\n")
                        .containsPattern("slave0:ip=127\\.0\\.0\\.1,port=" + replica.port + ",state=online");
                @SuppressWarnings("unchecked")
                List<Object> role = (List<Object>) r.sendCommand(Protocol.Command.ROLE); // slave host port state offset
                assertThat(new String((byte[]) role.get(0))).isEqualTo("slave");
                assertThat(new String((byte[]) role.get(3))).isEqualTo("connected");
                assertThat((Long) role.get(4)).isEqualTo(Replication.masterOffset(p));
                assertThat(p.waitReplicas(1, 2000)).isEqualTo(1L);
            }
        }
    }

    @Test
    @Points(2)
    void aPromotedReplicaKeepsItsDataAndAnotherReplicaContinuesWithIt() throws Exception {
        try (IntegratedServerFixture primary = IntegratedServerFixture.start(ReplicationServer.extensions());
             Jedis p = new Jedis("127.0.0.1", primary.port);
             IntegratedServerFixture a = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + primary.port);
             Jedis ra = new Jedis("127.0.0.1", a.port);
             IntegratedServerFixture b = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + primary.port);
             Jedis rb = new Jedis("127.0.0.1", b.port)) {
            p.set("k", "1");
            Replication.awaitLinkUp(ra);
            Replication.awaitLinkUp(rb);
            long offset = Replication.masterOffset(p);
            Replication.awaitOffset(ra, offset);
            Replication.awaitOffset(rb, offset);
            String oldId = Replication.field(p.info("replication"), "master_replid");

            assertThat(ra.replicaofNoOne()).isEqualTo("OK");
            String info = ra.info("replication");
            assertThat(info).contains("role:master\r\n");
            assertThat(Replication.field(info, "master_replid2")).isEqualTo(oldId);
            assertThat(Replication.field(info, "master_replid")).isNotEqualTo(oldId);
            assertThat(Replication.field(info, "second_repl_offset")).isEqualTo(Long.toString(offset + 1));
            assertThat(ra.get("k")).isEqualTo("1"); // the data stays
            assertThat(ra.set("k", "2")).isEqualTo("OK"); // and it takes writes

            // b follows the promoted a: same history up to the promotion, so a partial resync
            assertThat(rb.replicaof("127.0.0.1", a.port)).isEqualTo("OK");
            Replication.awaitLinkUp(rb);
            Replication.awaitOffset(rb, Replication.masterOffset(ra));
            assertThat(rb.get("k")).isEqualTo("2");
            assertThat(Replication.field(ra.info("stats"), "sync_partial_ok")).isEqualTo("1");
            assertThat(Replication.field(ra.info("stats"), "sync_full")).isEqualTo("0");
            assertThat(b.log).contains("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
        }
    }
}
