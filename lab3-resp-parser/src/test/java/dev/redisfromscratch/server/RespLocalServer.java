package dev.redisfromscratch.server;

import dev.redisfromscratch.introspection.ServerConfig;
import dev.redisfromscratch.resp.RespServer;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.testkit.blackbox.LocalServer;
import java.io.IOException;
import java.time.Clock;

/** Lab 3's own server for its black-box tests (real clock), when no {@code --server} is given, and for
 * the round-trip benchmark. */
public final class RespLocalServer implements LocalServer {
    private BlockingServer server;

    @Override
    public int start() throws IOException {
        ServerConfig config = new ServerConfig("127.0.0.1", 0);
        server = RespServer.create(new DataStore(Clock.systemUTC()), config, line -> { });
        int port = server.startOnFreePort("lab3-blackbox");
        config.set("port", Integer.toString(port));
        return port;
    }

    @Override
    public void close() {
        server.close();
    }
}
