package dev.redisfromscratch.tcp;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.PingServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Stage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.redisfromscratch.testkit.grading.Points;

/**
 * The lesson of lab 1, seen from inside: one thread, one client at a time. Real Redis answers both
 * clients at once (an event loop, lab 7), so this is not a black-box test.
 */
@Stage(lab = 1, value = 3)
class OneClientAtATimeTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private BlockingServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = PingServer.create(ServerConfig.ephemeral(), log::add);
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** B's connect succeeds (the kernel queues it), but B's PING is answered only after A leaves. */
    @Test
    @Points(4)
    void secondClientIsServedOnlyAfterTheFirstDisconnects() throws Exception {
        RawClient a = RawClient.connect(port);
        assertThat(a.send("PING\r\n").read("+PONG\r\n")).isEqualTo("+PONG\r\n");
        try (RawClient b = RawClient.connect(port)) {
            b.send("PING\r\n");
            // A is still being served: its round trip completes while B's request waits.
            assertThat(a.send("ECHO still-me\r\n").read("$8\r\nstill-me\r\n")).isEqualTo("$8\r\nstill-me\r\n");
            assertThat(b.hasNothingToRead()).as("B must not be answered while A is connected").isTrue();
            assertThat(log).filteredOn(l -> l.startsWith("accepted")).hasSize(1);
            a.close();
            assertThat(b.read("+PONG\r\n")).isEqualTo("+PONG\r\n");
            assertThat(log).filteredOn(l -> l.startsWith("accepted")).hasSize(2);
        }
    }
}
