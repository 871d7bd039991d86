package dev.redisfromscratch.tcp;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.PingServer;
import dev.redisfromscratch.testkit.blackbox.LocalServer;
import java.io.IOException;

/** Lab 1's own server for its black-box tests, when no {@code --server} is given, and for
 * the round-trip benchmark. */
public final class PingLocalServer implements LocalServer {
    private Server server;

    @Override
    public int start() throws IOException {
        server = PingServer.create(ServerConfig.ephemeral(), line -> { });
        return server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
