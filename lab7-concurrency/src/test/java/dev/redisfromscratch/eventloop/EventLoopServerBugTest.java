package dev.redisfromscratch.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.server.ConcurrencyServer;
import dev.redisfromscratch.server.IntegratedServerFixture;
import dev.redisfromscratch.server.ServerExtension;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Points;
import dev.redisfromscratch.testkit.grading.Stage;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bug in a handler (an unchecked exception) stops the event loop's server at once, as in lab 5:
 * the bug is reported, every client sees its connection close, new connections are refused. In a
 * class of its own, because the thread's death is recorded for the class.
 */
class EventLoopServerBugTest {
    private IntegratedServerFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Stage(lab = 7, value = 1)
    @Points(2)
    void aBugInAHandlerStopsTheServerAtOnce() throws Exception {
        List<ServerExtension> extensions = new ArrayList<>(ConcurrencyServer.extensions());
        extensions.add(parts -> parts.table().register(CommandSpec.builder("boom", 1)
                .docs("A command with a bug", "7.0.0", "server", "O(1)")
                .handler(call -> {
                    throw new IllegalStateException("a bug in a handler");
                }).build()));
        server = IntegratedServerFixture.start(extensions);
        int port = server.port;
        try (RawClient c = RawClient.connect(port); RawClient other = RawClient.connect(port)) {
            other.send("PING\r\n").read("+PONG\r\n");
            c.send("BOOM\r\n");
            assertThat(c.isClosedByServer()).isTrue();
            assertThat(other.isClosedByServer()).isTrue();
        }
        server.server.awaitStop();
        assertThatThrownBy(() -> RawClient.connect(port)).isInstanceOf(ConnectException.class);
        assertThat(server.log).contains("server bug, stopping: java.lang.IllegalStateException: a bug in a handler");
    }
}
