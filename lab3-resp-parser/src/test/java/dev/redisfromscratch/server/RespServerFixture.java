package dev.redisfromscratch.server;

import dev.redisfromscratch.introspection.ServerConfig;
import dev.redisfromscratch.resp.RespServer;
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
        ServerConfig config = new ServerConfig("127.0.0.1", 0);
        server = RespServer.create(store, config, log::add);
        port = server.startOnFreePort("lab3-test");
        config.set("port", Integer.toString(port));
    }

    @Override
    public void close() {
        server.close();
    }
}
