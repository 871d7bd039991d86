package dev.redisfromscratch.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * Interop: lab 8 as a replica of a real {@code redis-server} 7.0 primary. It mirrors the primary's
 * strings, lists, sets, expire times and databases after the full resynchronization, then every
 * write of the stream; {@code INFO replication} reports the link.
 */
@Stage(lab = 8, value = 1)
@Timeout(30)
class OurReplicaOfRealPrimaryTest {

    /** Loads the data both ways Redis 7.0 sends it: disk-based ({@code $<len>}) and streamed ({@code $EOF:}). */
    private static RealRedis primary(boolean diskless) {
        return RealRedis.start("--repl-diskless-sync", diskless ? "yes" : "no", "--repl-diskless-sync-delay", "0");
    }

    private static void writeEveryType(Jedis p) {
        p.set("s", "hello");
        p.set("n", "12345");
        p.set("big", "x".repeat(1000)); // LZF-compressed by Redis
        p.rpush("l", "a", "b", "c", "1", "2");
        p.sadd("ints", "1", "2", "300");
        p.sadd("words", "x", "y", "z");
        p.set("ttl", "v");
        p.pexpire("ttl", 600_000);
        p.select(3);
        p.set("in3", "three");
        p.select(0);
    }

    private static void assertEveryType(Jedis r) {
        assertThat(r.get("s")).isEqualTo("hello");
        assertThat(r.get("n")).isEqualTo("12345");
        assertThat(r.get("big")).isEqualTo("x".repeat(1000));
        assertThat(r.lrange("l", 0, -1)).containsExactly("a", "b", "c", "1", "2");
        assertThat(r.smembers("ints")).isEqualTo(Set.of("1", "2", "300"));
        assertThat(r.smembers("words")).isEqualTo(Set.of("x", "y", "z"));
        // the replica's clock was set to the real time when the test began: a few ms behind the primary's
        assertThat(r.pttl("ttl")).isBetween(500_000L, 610_000L);
        r.select(3);
        assertThat(r.get("in3")).isEqualTo("three");
        r.select(0);
    }

    @Test
    @Points(3)
    void fullResyncFromARealPrimaryOnDiskThenTheStream() throws Exception {
        mirrors(false);
    }

    @Test
    @Points(2)
    void fullResyncFromARealPrimaryStreamedWithAnEofMark() throws Exception {
        mirrors(true);
    }

    private void mirrors(boolean diskless) throws Exception {
        try (RealRedis real = primary(diskless);
             Jedis p = new Jedis("127.0.0.1", real.port());
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + real.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            ours.clock.advance(Duration.ofMillis(System.currentTimeMillis() - ours.clock.millis()));
            writeEveryType(p);
            // the snapshot may have been taken before or after these writes: either way the
            // replica ends with all of them
            Replication.awaitLinkUp(r);
            Replication.awaitOffset(r, Replication.masterOffset(p));
            assertEveryType(r);

            p.set("s", "changed");
            p.rpush("l", "d");
            p.srem("words", "x");
            p.del("n");
            redis.clients.jedis.Transaction t = p.multi(); // propagated between MULTI and EXEC
            t.set("t1", "a");
            t.rpush("t2", "b");
            t.exec();
            p.select(5);
            p.set("in5", "five");
            Replication.awaitOffset(r, Replication.masterOffset(p));
            assertThat(r.get("t1")).isEqualTo("a");
            assertThat(r.lrange("t2", 0, -1)).containsExactly("b");
            assertThat(r.get("s")).isEqualTo("changed");
            assertThat(r.lrange("l", -1, -1)).containsExactly("d");
            assertThat(r.smembers("words")).isEqualTo(Set.of("y", "z"));
            assertThat(r.exists("n")).isFalse();
            r.select(5);
            assertThat(r.get("in5")).isEqualTo("five");

            String info = r.info("replication");
            assertThat(info).contains("role:slave\r\n", "master_host:127.0.0.1\r\n",
                    "master_port:" + real.port() + "\r\n", "master_link_status:up\r\n",
                    "master_sync_in_progress:0\r\n", "slave_read_only:1\r\n");
            assertThat(Replication.field(info, "master_replid")).isEqualTo(Replication.field(p.info("replication"), "master_replid"));
            assertThat(ours.log).contains("MASTER <-> REPLICA sync started",
                    "Master replied to PING, replication can continue...",
                    "MASTER <-> REPLICA sync: Finished with success");
            // the real primary sees an online replica
            assertThat(p.info("replication")).containsPattern("slave0:ip=127\\.0\\.0\\.1,port=" + ours.port + ",state=online");
        }
    }

    @Test
    @Points(1)
    void aReplicaRefusesClientWritesButNotItsPrimarys() throws Exception {
        try (RealRedis real = primary(false);
             Jedis p = new Jedis("127.0.0.1", real.port());
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + real.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            Replication.awaitLinkUp(r);
            assertThat(Replication.raw(ours.port, "SET", "k", "v"))
                    .isEqualTo("-READONLY You can't write against a read only replica.\r\n");
            assertThat(Replication.raw(ours.port, "GET", "k")).isEqualTo("$-1\r\n");
            p.set("k", "from-primary");
            Replication.awaitOffset(r, Replication.masterOffset(p));
            assertThat(r.get("k")).isEqualTo("from-primary");
        }
    }

    @Test
    @Points(1)
    void anExpiredKeyReadsAsMissingButStaysUntilThePrimaryDeletesIt() throws Exception {
        try (RealRedis real = primary(false);
             Jedis p = new Jedis("127.0.0.1", real.port());
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + real.port());
             Jedis r = new Jedis("127.0.0.1", ours.port)) {
            ours.clock.advance(Duration.ofMillis(System.currentTimeMillis() - ours.clock.millis()));
            Replication.awaitLinkUp(r);
            p.set("soon", "v", redis.clients.jedis.params.SetParams.setParams().px(100_000));
            Replication.awaitOffset(r, Replication.masterOffset(p));
            assertThat(r.get("soon")).isEqualTo("v");
            ours.clock.advance(Duration.ofSeconds(200)); // past its time, on the replica's clock only
            assertThat(r.get("soon")).isNull();
            assertThat(r.dbSize()).isEqualTo(1L); // still there: only the primary's DEL removes it
            ours.server.lock().lock();
            try {
                assertThat(ours.server.databases().db(0).containsKey("soon".getBytes())).isTrue();
            } finally {
                ours.server.lock().unlock();
            }
            p.del("soon");
            Replication.awaitOffset(r, Replication.masterOffset(p));
            assertThat(r.dbSize()).isZero();
        }
    }

    @Test
    @Points(1)
    void handshakeBytesAsARealReplicaSendsThem() throws Exception {
        // what our replica sends, seen from a fake primary: PING, both REPLCONFs in one write, PSYNC ? -1
        try (FakePrimary fake = new FakePrimary();
             IntegratedServerFixture ours = IntegratedServerFixture.start(ReplicationServer.extensions(),
                     "replicaof", "127.0.0.1 " + fake.port())) {
            fake.accept();
            assertThat(fake.read(14)).isEqualTo("*1\r\n$4\r\nPING\r\n");
            fake.write("+PONG\r\n");
            String port = Integer.toString(ours.port);
            String replconf = "*3\r\n$8\r\nREPLCONF\r\n$14\r\nlistening-port\r\n$" + port.length() + "\r\n" + port + "\r\n"
                    + "*5\r\n$8\r\nREPLCONF\r\n$4\r\ncapa\r\n$3\r\neof\r\n$4\r\ncapa\r\n$6\r\npsync2\r\n";
            assertThat(fake.read(replconf.length())).isEqualTo(replconf);
            fake.write("+OK\r\n+OK\r\n");
            String psync = "*3\r\n$5\r\nPSYNC\r\n$1\r\n?\r\n$2\r\n-1\r\n";
            assertThat(fake.read(psync.length())).isEqualTo(psync);
            assertThat(List.copyOf(ours.log)).contains("Partial resynchronization not possible (no cached master)");
        }
    }
}
