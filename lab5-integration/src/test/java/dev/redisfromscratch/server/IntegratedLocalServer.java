package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.testkit.TempDirs;
import dev.redisfromscratch.testkit.blackbox.LocalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Lab 5's own server for the black-box suites (real clock, no save points, AOF off, as the CI's
 * real redis-server is started), in a temp directory removed afterwards.
 */
public final class IntegratedLocalServer implements LocalServer {
    private IntegratedServer server;
    private Path dir;

    @Override
    public int start() throws IOException {
        dir = TempDirs.create("lab5-blackbox");
        server = IntegratedServer.create(ServerConfig.ephemeral().set("dir", dir.toString()), Clock.systemUTC(), line -> { });
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
