package dev.redisfromscratch.replication;

import static dev.redisfromscratch.replication.PsyncDialogueTest.info;
import static dev.redisfromscratch.replication.PsyncDialogueTest.infoSection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Acknowledgements on the primary: {@code REPLCONF ACK <offset>} recorded per replica (INFO's
 * {@code slaveN} offset, {@code ROLE}), and {@code WAIT numreplicas timeout}, which blocks its
 * client in the event loop, sends {@code REPLCONF GETACK *} in the stream, and answers when enough
 * replicas acknowledged the client's last write, or at its timeout with the count that did.
 *
 * <p>Redis: {@code replication.c}, {@code waitCommand}, {@code replicationCountAcksByOffset},
 * {@code processClientsWaitingReplicas}, {@code replconfCommand} ("ack").
 */
@Stage(lab = 8, value = 3)
class WaitTest {
    @Test
    @Points(1)
    void waitWithNothingToWaitForAnswersAtOnce() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient c = RawClient.connect(f.port)) {
            c.send(Request.resp("WAIT", "0", "0").bytes()).read(":0\r\n");
            c.send(Request.resp("SET", "k", "v").bytes()).read("+OK\r\n");
            c.send(Request.resp("WAIT", "0", "100").bytes()).read(":0\r\n");
            assertThat(c.send(Request.resp("WAIT", "x", "0").bytes()).readLine())
                    .isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(c.send(Request.resp("WAIT", "1", "-1").bytes()).readLine()).isEqualTo("-ERR timeout is negative\r\n");
            assertThat(c.send(Request.resp("WAIT", "1", "1.5").bytes()).readLine())
                    .isEqualTo("-ERR timeout is not an integer or out of range\r\n");
        }
    }

    @Test
    @Points(2)
    void waitBlocksUntilTheReplicaAcknowledgesTheClientsLastWrite() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient writer = RawClient.connect(f.port);
             RawClient other = RawClient.connect(f.port);
             FakeReplica replica = FakeReplica.handshake(f.port, 6380)) {
            String fullresync = replica.psync("?", -1);
            long start = Long.parseLong(fullresync.substring(fullresync.lastIndexOf(' ') + 1));
            replica.readSnapshot();
            writer.send(Request.resp("SET", "k", "v").bytes()).read("+OK\r\n");
            replica.readCommand();
            replica.readCommand();
            long afterSet = start + replica.streamBytes;

            writer.send(Request.resp("WAIT", "1", "0").bytes());
            assertThat(replica.readCommand()).as("asked before the loop sleeps")
                    .containsExactly("REPLCONF", "GETACK", "*");
            other.send("PING\r\n").read("+PONG\r\n"); // the loop serves others meanwhile
            assertThat(writer.hasNothingToRead()).as("WAIT still blocked").isTrue();

            replica.ack(afterSet - 1); // one byte short
            other.send("PING\r\n").read("+PONG\r\n");
            assertThat(writer.hasNothingToRead()).isTrue();
            replica.ack(afterSet); // the GETACK's own bytes are not needed
            writer.read(":1\r\n");
            writer.send("PING\r\n").read("+PONG\r\n");

            String section = infoSection(other);
            assertThat(section).contains("slave0:ip=127.0.0.1,port=6380,state=online,offset=" + afterSet + ",lag=0\r\n");
            assertThat(new String(other.send(Request.resp("ROLE").bytes()).readExactly(
                    ("*3\r\n$6\r\nmaster\r\n:" + (replica.streamBytes + start) + "\r\n*1\r\n*3\r\n$9\r\n127.0.0.1\r\n$4\r\n6380\r\n$"
                            + Long.toString(afterSet).length() + "\r\n" + afterSet + "\r\n").length()),
                    java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo("*3\r\n$6\r\nmaster\r\n:" + (replica.streamBytes + start) + "\r\n*1\r\n*3\r\n$9\r\n127.0.0.1\r\n$4\r\n6380\r\n$"
                            + Long.toString(afterSet).length() + "\r\n" + afterSet + "\r\n");
        }
    }

    @Test
    @Points(2)
    void waitAnswersAtItsTimeoutWithTheCountThatAcknowledged() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient writer = RawClient.connect(f.port);
             FakeReplica acking = FakeReplica.handshake(f.port, 6380);
             FakeReplica silent = FakeReplica.handshake(f.port, 6381)) {
            acking.psync("?", -1);
            acking.readSnapshot();
            silent.psync("?", -1);
            silent.readSnapshot();
            PsyncDialogueTest.awaitInfo(writer, "connected_slaves", "2");
            writer.send(Request.resp("SET", "k", "v").bytes()).read("+OK\r\n");
            acking.readCommand();
            acking.readCommand();
            writer.send(Request.resp("WAIT", "2", "5000").bytes());
            acking.readUntil("REPLCONF");
            acking.ack(Long.parseLong(info(RawClient.connect(f.port), "master_repl_offset")));
            f.clock.advance(Duration.ofMillis(4900));
            assertThat(writer.hasNothingToRead()).isTrue();
            f.clock.advance(Duration.ofMillis(100));
            writer.read(":1\r\n");
        }
    }

    @Test
    @Points(1)
    void waitInsideMultiAnswersAtOnce() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient c = RawClient.connect(f.port)) {
            c.send(Request.resp("SET", "k", "v").bytes()).read("+OK\r\n");
            c.send(Request.resp("MULTI").bytes()).read("+OK\r\n");
            c.send(Request.resp("WAIT", "1", "0").bytes()).read("+QUEUED\r\n");
            c.send(Request.resp("EXEC").bytes()).read("*1\r\n:0\r\n");
        }
    }
}
