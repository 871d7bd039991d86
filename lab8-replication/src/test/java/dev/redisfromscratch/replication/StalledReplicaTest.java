package dev.redisfromscratch.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ReplicationServer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.blackbox.Request;
import dev.redisfromscratch.testkit.grading.Stage;
import org.junit.jupiter.api.Test;

/**
 * A replica that stops reading its stream is an ordinary client of the event loop flagged
 * {@code REPLICA}: once the stream held for it passes its class's output buffer limit
 * ({@code client-output-buffer-limit replica ...}, Redis's 256mb 64mb 60 by default) it is closed
 * with Redis's log line, and the primary keeps serving everyone else.
 *
 * <p>Redis: {@code networking.c}, {@code closeClientOnOutputBufferLimitReached}, {@code getClientType}.
 */
@Stage(lab = 8, value = 2)
class StalledReplicaTest {
    @Test
    void aReplicaThatStopsReadingIsClosedAtItsLimitAndThePrimaryKeepsServing() throws Exception {
        try (IntegratedServerFixture f = IntegratedServerFixture.start(ReplicationServer.extensions(),
                "client-output-buffer-limit", "replica 1mb 0 0");
             RawClient client = RawClient.connect(f.port);
             FakeReplica stalled = FakeReplica.handshake(f.port, 6380)) {
            assertThat(stalled.psync("?", -1)).startsWith("+FULLRESYNC ");
            stalled.readSnapshot(); // and then it reads nothing more
            PsyncDialogueTest.awaitInfo(client, "connected_slaves", "1");
            byte[] set = Request.resp("SET", "big", "v".repeat(500_000)).bytes();
            int sent = 0;
            while (!logged(f) && sent < 200) {
                client.send(set).read("+OK\r\n");
                sent++;
            }
            assertThat(f.log).as("after %d x 500 KB", sent)
                    .anyMatch(l -> l.startsWith("Client id=") && l.contains(" flags=S ")
                            && l.endsWith(" scheduled to be closed ASAP for overcoming of output buffer limits."));
            PsyncDialogueTest.awaitInfo(client, "connected_slaves", "0");
            client.send("PING\r\n").read("+PONG\r\n");
            assertThat(f.log).anyMatch(l -> l.equals("Connection with replica 127.0.0.1:6380 lost."));
        }
    }

    private static boolean logged(IntegratedServerFixture f) {
        return f.log.stream().anyMatch(l -> l.contains("overcoming of output buffer limits"));
    }
}
