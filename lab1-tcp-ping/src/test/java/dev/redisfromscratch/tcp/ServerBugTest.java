package dev.redisfromscratch.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.testkit.RawClient;
import dev.redisfromscratch.testkit.grading.Stage;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bug in a handler (an unchecked exception, not bad input) stops the server, as a failed
 * assertion crashes Redis: the bug is reported first, then every client sees the server gone at
 * once, instead of waiting for a reply that never comes.
 */
@Stage(lab = 1, value = 3)
class ServerBugTest {
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previous;

    @BeforeEach
    void recordUncaughtExceptions() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            reported.add(e);
            if (previous != null) {
                previous.uncaughtException(thread, e);
            }
        });
    }

    @AfterEach
    void restore() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    @Test
    void aBugIsReportedBeforeTheClientSeesTheConnectionCloseAndNewClientsAreRefused() throws Exception {
        CommandSpec buggy = CommandSpec.builder("ping", -1)
                .docs("Ping the server", "1.0.0", "connection", "O(1)")
                .handler(call -> {
                    throw new IllegalStateException("a bug in a handler");
                })
                .build();
        CommandPipeline pipeline = new CommandPipeline(new CommandTable().register(buggy), CommandPipeline.NEVER_DIRTY);
        BlockingServer server = new BlockingServer(ServerConfig.ephemeral(),
                new RequestLoop(InlineFramer::new, pipeline), ServerCron.NONE, log::add);
        int port = server.start();

        try (RawClient client = RawClient.connect(port)) {
            client.send("PING\r\n");
            assertThat(client.isClosedByServer()).isTrue();
            // Already reported when the client noticed: no waiting needed.
            assertThat(reported).extracting(Throwable::toString)
                    .containsExactly("java.lang.IllegalStateException: a bug in a handler");
        }
        assertThatThrownBy(() -> RawClient.connect(port)).isInstanceOf(ConnectException.class);
        assertThat(log).contains("server bug, stopping: java.lang.IllegalStateException: a bug in a handler");
    }
}
