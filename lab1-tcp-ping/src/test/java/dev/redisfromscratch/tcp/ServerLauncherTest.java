package dev.redisfromscratch.tcp;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.PingServer;
import dev.redisfromscratch.server.ServerLauncher;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerLauncherTest {

    @Test
    void takenPortGivesOneLineNamingThePortAndNoStackTrace() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = holder.getLocalPort();
            ServerConfig config = ServerConfig.listeningOn("127.0.0.1", port);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ServerLauncher.runForeground("lab 1", PingServer.create(config, l -> { }), config,
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertThat(status).isEqualTo(1);
            assertThat(message.lines()).hasSize(1);
            assertThat(message).contains("Port " + port).contains("already in use")
                    .contains("ss -ltnp 'sport = :" + port + "'")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
