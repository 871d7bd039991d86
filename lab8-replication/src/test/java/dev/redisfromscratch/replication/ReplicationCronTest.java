package dev.redisfromscratch.replication;

import static dev.redisfromscratch.replication.PsyncDialogueTest.awaitInfo;
import static dev.redisfromscratch.replication.PsyncDialogueTest.info;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.grading.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The primary's periodic work, driven by the server's clock: {@code PING} in the stream every
 * {@code repl-ping-replica-period} seconds, replicas silent for {@code repl-timeout} seconds
 * dropped, and the backlog's size changed by {@code CONFIG SET repl-backlog-size}.
 *
 * <p>Redis: {@code replication.c}, {@code replicationCron}, {@code resizeReplicationBacklog}.
 */
@Stage(lab = 8, value = 2)
class ReplicationCronTest {
    @Test
    void thePrimaryPingsItsReplicasInTheStreamEachPeriod() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions(),
                "repl-ping-replica-period", "1");
             RawClient client = RawClient.connect(f.port);
             FakeReplica replica = FakeReplica.handshake(f.port, 6380)) {
            replica.psync("?", -1);
            replica.readSnapshot();
            awaitInfo(client, "connected_slaves", "1");
            long before = Long.parseLong(info(client, "master_repl_offset"));
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(replica.readCommand()).containsExactly("PING");
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(replica.readCommand()).containsExactly("PING");
            assertThat(Long.parseLong(info(client, "master_repl_offset")))
                    .as("each PING counts in the offset").isEqualTo(before + 2 * "*1\r\n$4\r\nPING\r\n".length());
        }
    }

    @Test
    void aReplicaSilentForReplTimeoutIsDisconnected() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions(),
                "repl-timeout", "5");
             RawClient client = RawClient.connect(f.port);
             FakeReplica replica = FakeReplica.handshake(f.port, 6380)) {
            replica.psync("?", -1);
            replica.readSnapshot();
            awaitInfo(client, "connected_slaves", "1");
            f.clock.advance(Duration.ofSeconds(6));
            awaitInfo(client, "connected_slaves", "0");
            assertThat(f.log).contains("Disconnecting timedout replica (streaming sync): 127.0.0.1:6380");
        }
    }

    @Test
    void configSetReplBacklogSizeResizesTheBacklog() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions());
             RawClient client = RawClient.connect(f.port);
             FakeReplica replica = FakeReplica.handshake(f.port, 6380)) {
            replica.psync("?", -1);
            client.send(Request.resp("SET", "k", "x".repeat(300)).bytes()).read("+OK\r\n");
            client.send(Request.resp("CONFIG", "SET", "repl-backlog-size", "100").bytes()).read("+OK\r\n");
            assertThat(info(client, "repl_backlog_size")).isEqualTo("100");
            assertThat(info(client, "repl_backlog_histlen")).isEqualTo("100");
            client.send(Request.resp("CONFIG", "GET", "repl-backlog-size").bytes())
                    .read("*2\r\n$17\r\nrepl-backlog-size\r\n$3\r\n100\r\n");
            client.send(Request.resp("CONFIG", "SET", "repl-backlog-size", "1mb").bytes()).read("+OK\r\n");
            assertThat(info(client, "repl_backlog_size")).isEqualTo("1048576");
            assertThat(info(client, "repl_backlog_histlen")).isEqualTo("100");
        }
    }
}
