package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.testkit.TempDirs;
import dev.redisfromscratch.testkit.blackbox.LocalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Lab 5's own server (or a later lab's, with its extensions) for the black-box suites (real clock, no save points, AOF off, as the CI's
 * real redis-server is started), in a temp directory removed afterwards.
 */
public final class IntegratedLocalServer implements LocalServer {
    private final List<ServerExtension> extensions;
    private IntegratedServer server;
    private Path dir;

    /** Lab 5's server. */
    public IntegratedLocalServer() {
        this(List.of());
    }

    /** @param extensions a later lab's additions (lab 6: {@code ListsSetsServer.extensions()}) */
    public IntegratedLocalServer(List<ServerExtension> extensions) {
        this.extensions = extensions;
    }

    @Override
    public int start() throws IOException {
        dir = TempDirs.create("lab5-blackbox");
        server = IntegratedServer.create(ServerConfig.ephemeral().set("dir", dir.toString()), Clock.systemUTC(),
                PersistentServer::backgroundThread, line -> { }, TransportUnderTest.apply(extensions));
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
