package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.TempDirs;
import dev.redisfromscratch.testkit.blackbox.LocalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Lab 4's own server for its black-box tests (real clock, no save points, AOF off, as the CI's real
 * redis-server is started), in a temp directory removed afterwards.
 */
public final class PersistentLocalServer implements LocalServer {
    private PersistentServer server;
    private Path dir;

    @Override
    public int start() throws IOException {
        dir = TempDirs.create("lab4-blackbox");
        server = PersistentServer.create(ServerConfig.ephemeral().set("dir", dir.toString()),
                new DataStore(Clock.systemUTC()), line -> { });
        return server.start();
    }

    @Override
    public void close() {
        server.close();
        try {
            TempDirs.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
