package dev.redisfromscratch.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primary's side of {@code PSYNC} and {@code SYNC}, over raw sockets, byte for byte: a full
 * resync ({@code +FULLRESYNC <replid> <offset>}, then {@code $<len>} and an RDB file that
 * {@code redis-check-rdb} accepts), the stream after it (with {@code SELECT}), a partial resync
 * ({@code +CONTINUE <replid>} and exactly the bytes the replica missed), and the refusals.
 *
 * <p>Redis: {@code replication.c}, {@code syncCommand}, {@code masterTryPartialResynchronization},
 * {@code replicationFeedSlaves}.
 */
@Stage(lab = 8, value = 2)
class PsyncDialogueTest {
    private static final Pattern FULLRESYNC = Pattern.compile("\\+FULLRESYNC ([0-9a-f]{40}) (\\d+)");

    @Test
    @Points(2)
    void aFullResyncSendsItsIdAndOffsetThenAnRdbRedisAccepts(@TempDir Path dir) throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient client = RawClient.connect(f.port);
             FakeReplica replica = FakeReplica.handshake(f.port, 6380)) {
            client.send(Request.resp("SET", "greeting", "hello").bytes()).read("+OK\r\n");
            client.send(Request.resp("RPUSH", "list", "a", "b", "c").bytes()).read(":3\r\n");
            client.send(Request.resp("SADD", "set", "1", "2", "3").bytes()).read(":3\r\n");

            Matcher m = FULLRESYNC.matcher(replica.psync("?", -1));
            assertThat(m.matches()).as("+FULLRESYNC <40 hex> <offset>").isTrue();
            assertThat(info(client, "master_replid")).isEqualTo(m.group(1));
            assertThat(m.group(2)).isEqualTo(info(client, "master_repl_offset"));

            byte[] rdb = replica.readSnapshot();
            assertThat(new String(rdb, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("REDIS0010");
            Path file = dir.resolve("sync.rdb");
            Files.write(file, rdb);
            ExternalTool.Result check = ExternalTool.require("redis-check-rdb").run(file.toString());
            assertThat(check.exitCode()).as(check.out()).isZero();
            assertThat(check.out()).contains("RDB looks OK");
            assertThat(check.out()).contains("repl-id").contains(m.group(1));
        }
    }

    @Test
    @Points(2)
    void theStreamFollowsTheSnapshotWithSelectWhenTheDatabaseChanges() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient client = RawClient.connect(f.port);
             FakeReplica replica = FakeReplica.handshake(f.port, 6380)) {
            assertThat(replica.psync("?", -1)).startsWith("+FULLRESYNC ");
            // written after +FULLRESYNC: not in the snapshot (its point in time has passed), in the stream
            client.send(Request.resp("SET", "after", "1").bytes()).read("+OK\r\n");
            byte[] rdb = replica.readSnapshot();
            assertThat(new String(rdb, StandardCharsets.ISO_8859_1)).doesNotContain("after");
            assertThat(replica.readCommand()).containsExactly("SELECT", "0");
            assertThat(replica.readCommand()).containsExactly("SET", "after", "1");

            client.send(Request.resp("SET", "k", "v", "EX", "100").bytes()).read("+OK\r\n");
            List<String> set = replica.readCommand();
            assertThat(set.subList(0, 4)).as("EX becomes an absolute PXAT").containsExactly("SET", "k", "v", "PXAT");
            client.send(Request.resp("SELECT", "3").bytes()).read("+OK\r\n");
            client.send(Request.resp("LPUSH", "q", "x").bytes()).read(":1\r\n");
            client.send(Request.resp("GET", "q").bytes()).readLine(); // a read: nothing in the stream
            client.send(Request.resp("SADD", "s", "m").bytes()).read(":1\r\n");
            assertThat(replica.readCommand()).containsExactly("SELECT", "3");
            assertThat(replica.readCommand()).containsExactly("LPUSH", "q", "x");
            assertThat(replica.readCommand()).containsExactly("SADD", "s", "m");
        }
    }

    @Test
    @Points(2)
    void aReplicaThatReconnectsWithItsOffsetGetsContinueAndExactlyTheBytesItMissed() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient client = RawClient.connect(f.port)) {
            String replid;
            long offset;
            try (FakeReplica first = FakeReplica.handshake(f.port, 6380)) {
                Matcher m = FULLRESYNC.matcher(first.psync("?", -1));
                assertThat(m.matches()).isTrue();
                replid = m.group(1);
                first.readSnapshot();
                client.send(Request.resp("SET", "a", "1").bytes()).read("+OK\r\n");
                first.readCommand();
                first.readCommand();
                offset = Long.parseLong(m.group(2)) + first.streamBytes;
            }
            awaitInfo(client, "connected_slaves", "0");
            client.send(Request.resp("SET", "b", "2").bytes()).read("+OK\r\n");
            client.send(Request.resp("DEL", "a").bytes()).read(":1\r\n");
            byte[] missed = (text(Request.resp("SET", "b", "2")) + text(Request.resp("DEL", "a")))
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(info(client, "master_repl_offset")).isEqualTo(Long.toString(offset + missed.length));

            try (FakeReplica again = FakeReplica.handshake(f.port, 6380)) {
                assertThat(again.psync(replid, offset + 1)).isEqualTo("+CONTINUE " + replid);
                assertThat(again.socket.readExactly(missed.length)).isEqualTo(missed);
                client.send(Request.resp("SET", "c", "3").bytes()).read("+OK\r\n");
                assertThat(again.readCommand()).as("no SELECT: the stream's db did not change")
                        .containsExactly("SET", "c", "3");
                assertThat(info(client, "sync_partial_ok")).isEqualTo("1");
                assertThat(info(client, "sync_full")).isEqualTo("1");
            }
        }
    }

    @Test
    @Points(1)
    void anUnknownIdOrAnOffsetOutsideTheBacklogIsAFullResyncCountedAsRefused() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions(),
                "repl-backlog-size", "100");
             RawClient client = RawClient.connect(f.port)) {
            String replid;
            try (FakeReplica first = FakeReplica.handshake(f.port, 6380)) {
                Matcher m = FULLRESYNC.matcher(first.psync("?", -1));
                assertThat(m.matches()).isTrue();
                replid = m.group(1);
            }
            assertThat(info(client, "sync_partial_err")).as("PSYNC ? -1 is no refused partial resync").isEqualTo("0");
            try (FakeReplica other = FakeReplica.handshake(f.port, 6381)) {
                assertThat(other.psync(ReplicationState.randomId(), 1)).startsWith("+FULLRESYNC " + replid + " ");
            }
            assertThat(info(client, "sync_partial_err")).isEqualTo("1");
            client.send(Request.resp("SET", "big", "x".repeat(200)).bytes()).read("+OK\r\n"); // overruns 100 bytes
            assertThat(info(client, "repl_backlog_first_byte_offset")).isNotEqualTo("1");
            try (FakeReplica late = FakeReplica.handshake(f.port, 6382)) {
                assertThat(late.psync(replid, 1)).startsWith("+FULLRESYNC " + replid + " ");
            }
            assertThat(info(client, "sync_partial_err")).isEqualTo("2");
            assertThat(info(client, "sync_full")).isEqualTo("3");
            client.send(Request.resp("CONFIG", "RESETSTAT").bytes()).read("+OK\r\n");
            assertThat(info(client, "sync_full")).isEqualTo("0");
            assertThat(info(client, "sync_partial_err")).isEqualTo("0");
            assertThat(f.log).anyMatch(l -> l.startsWith("Unable to partial resync with replica 127.0.0.1:6382 for lack of backlog"));
        }
    }

    @Test
    @Points(1)
    void syncFromAnOldReplicaGetsTheSnapshotWithoutAFullresyncLine() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient client = RawClient.connect(f.port);
             RawClient old = RawClient.connect(f.port)) {
            old.send("SYNC\r\n"); // inline, as redis-cli --replica sends it
            String header = old.readLine();
            assertThat(header).matches("\\$\\d+\r\n");
            byte[] rdb = old.readExactly(Integer.parseInt(header.substring(1, header.length() - 2)));
            assertThat(new String(rdb, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("REDIS0010");
            client.send(Request.resp("INCR", "n").bytes()).read(":1\r\n");
            assertThat(old.read(text(Request.resp("SELECT", "0")) + text(Request.resp("INCR", "n"))))
                    .isEqualTo(text(Request.resp("SELECT", "0")) + text(Request.resp("INCR", "n")));
        }
    }

    @Test
    @Points(1)
    void replconfAnswersAsRedisDoes() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient c = RawClient.connect(f.port)) {
            c.send(Request.resp("REPLCONF", "listening-port", "6380").bytes()).read("+OK\r\n");
            c.send(Request.resp("REPLCONF", "capa", "eof", "capa", "psync2", "capa", "other").bytes()).read("+OK\r\n");
            c.send(Request.resp("REPLCONF", "ip-address", "10.0.0.1").bytes()).read("+OK\r\n");
            c.send(Request.resp("REPLCONF").bytes()).read("+OK\r\n");
            assertThat(c.send(Request.resp("REPLCONF", "listening-port", "x").bytes()).readLine())
                    .isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(c.send(Request.resp("REPLCONF", "ack").bytes()).readLine()).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.send(Request.resp("REPLCONF", "foo", "bar").bytes()).readLine())
                    .isEqualTo("-ERR Unrecognized REPLCONF option: foo\r\n");
            assertThat(c.send(Request.resp("REPLCONF", "rdb-only", "2").bytes()).readLine())
                    .isEqualTo("-ERR value is out of range, value must between 0 and 1\r\n");
            assertThat(c.send(Request.resp("REPLCONF", "rdb-filter-only", "foo").bytes()).readLine())
                    .isEqualTo("-ERR Unsupported rdb-filter-only option: foo\r\n");
            // ACK from a client that is no replica, and GETACK on a primary: no reply at all
            c.send(Request.resp("REPLCONF", "ACK", "5").bytes());
            c.send(Request.resp("REPLCONF", "GETACK", "*").bytes());
            c.send("PING\r\n").read("+PONG\r\n");
            assertThat(c.send(Request.resp("PSYNC", "?", "x").bytes()).readLine())
                    .isEqualTo("-ERR value is not an integer or out of range\r\n");
        }
    }

    @Test
    @Points(1)
    void infoReplicationShowsTheReplicaAndTheBacklog() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient client = RawClient.connect(f.port)) {
            assertThat(info(client, "role")).isEqualTo("master");
            assertThat(info(client, "repl_backlog_active")).isEqualTo("0");
            assertThat(info(client, "repl_backlog_size")).isEqualTo("1048576");
            try (FakeReplica replica = FakeReplica.handshake(f.port, 6390)) {
                replica.psync("?", -1);
                replica.readSnapshot();
                client.send(Request.resp("SET", "a", "1").bytes()).read("+OK\r\n");
                replica.readCommand();
                replica.readCommand();
                awaitInfo(client, "connected_slaves", "1");
                String section = infoSection(client);
                assertThat(section).containsPattern("slave0:ip=127\\.0\\.0\\.1,port=6390,state=online,offset=0,lag=\\d+\r\n");
                assertThat(section).contains("repl_backlog_active:1\r\n", "repl_backlog_first_byte_offset:1\r\n",
                        "master_repl_offset:" + replica.streamBytes + "\r\n",
                        "repl_backlog_histlen:" + replica.streamBytes + "\r\n",
                        "master_replid2:0000000000000000000000000000000000000000\r\n", "second_repl_offset:-1\r\n");
                assertThat(section.indexOf("connected_slaves:")).isLessThan(section.indexOf("slave0:"));
                assertThat(section.indexOf("slave0:")).isLessThan(section.indexOf("master_failover_state:"));
            }
        }
    }

    static String text(Request r) {
        return new String(r.bytes(), StandardCharsets.ISO_8859_1);
    }

    static String infoSection(RawClient c) throws IOException {
        String header = c.send(Request.resp("INFO", "replication").bytes()).readLine();
        int len = Integer.parseInt(header.substring(1, header.length() - 2));
        return new String(c.readExactly(len + 2), StandardCharsets.ISO_8859_1);
    }

    static String info(RawClient c, String field) throws IOException {
        String header = c.send(Request.resp("INFO", "everything").bytes()).readLine();
        int len = Integer.parseInt(header.substring(1, header.length() - 2));
        String text = new String(c.readExactly(len + 2), StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    static void awaitInfo(RawClient c, String field, String value) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String last = null;
        while (System.nanoTime() < deadline) {
            last = info(c, field);
            if (value.equals(last)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(field + " stayed " + last + ", expected " + value);
    }
}
