package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.testkit.ManualClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lab 3's server on an ephemeral loopback port, with a {@link ManualClock} so that tests move time
 * instead of waiting for it. One per test class or test.
 */
final class RespServerFixture implements AutoCloseable {
    final ManualClock clock = new ManualClock();
    final DataStore store = new DataStore(clock);
    final List<String> log = new CopyOnWriteArrayList<>();
    final BlockingServer server;
    final int port;

    RespServerFixture() throws Exception {
        server = RespServer.create(ServerConfig.ephemeral(), store, log::add);
        port = server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
