package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.tcp.Server;
import dev.redisfromscratch.testkit.blackbox.LocalServer;
import java.io.IOException;
import java.time.Clock;

/** Lab 3's own server for its black-box tests (real clock), when no {@code --server} is given, and for
 * the round-trip benchmark. */
public final class RespLocalServer implements LocalServer {
    private Server server;

    @Override
    public int start() throws IOException {
        server = RespServer.create(ServerConfig.ephemeral(), new DataStore(Clock.systemUTC()), line -> { });
        return server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
