package dev.redisfromscratch.store;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.tcp.Server;
import dev.redisfromscratch.testkit.blackbox.LocalServer;
import java.io.IOException;
import java.time.Clock;

/** Lab 2's own server for its black-box tests (real clock), when no {@code --server} is given. */
public final class DataStoreLocalServer implements LocalServer {
    private Server server;

    @Override
    public int start() throws IOException {
        server = DataStoreServer.create(ServerConfig.ephemeral(), new DataStore(Clock.systemUTC()), line -> { });
        return server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
