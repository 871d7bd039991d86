package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lab 5's server for a test: an ephemeral loopback port, a temp directory of its own (deleted on
 * close), a {@link ManualClock} (TTLs, idle timeouts and save points move when the test says), no
 * save points unless given, and its log lines collected.
 *
 * <pre>
 * try (IntegratedServerFixture f = IntegratedServerFixture.start("maxclients", "2")) {
 *     ... connect to f.port ...
 * }
 * </pre>
 */
public final class IntegratedServerFixture implements AutoCloseable {
    /** The server's clock. */
    public final ManualClock clock = new ManualClock();
    /** Its log lines, in order. */
    public final List<String> log = new CopyOnWriteArrayList<>();
    /** Its directory (snapshot, append-only file). */
    public final Path dir;
    /** Its configuration, after the server added its defaults. */
    public final ServerConfig config;
    /** The server. */
    public final IntegratedServer server;
    /** The port it listens on, once started. */
    public int port;

    private IntegratedServerFixture(Path dir, List<ServerExtension> extensions, String... parameters) {
        this.dir = dir;
        this.config = ServerConfig.ephemeral().set("dir", dir.toString());
        for (int i = 0; i < parameters.length; i += 2) {
            config.set(parameters[i], parameters[i + 1]);
        }
        this.server = IntegratedServer.create(config, clock, PersistentServer::backgroundThread, log::add,
                TransportUnderTest.apply(extensions));
    }

    /**
     * @param parameters configuration pairs, e.g. {@code "requirepass", "secret"}
     * @return a started server
     */
    public static IntegratedServerFixture start(String... parameters) throws IOException {
        return startIn(TempDirs.create("lab5-"), parameters);
    }

    /**
     * A later lab's server (lab 6: lab 5's with lists and sets), started as {@link #start} does.
     *
     * @param extensions the later lab's additions ({@code ListsSetsServer.extensions()})
     * @param parameters configuration pairs
     * @return a started server
     */
    public static IntegratedServerFixture start(List<ServerExtension> extensions, String... parameters) throws IOException {
        return startIn(TempDirs.create("lab-"), extensions, parameters);
    }

    /**
     * A server over an existing directory, loading what is there: a restart. {@link #close()}
     * deletes the directory, so a test that restarts closes the first server with
     * {@link #stopKeepingFiles()}.
     */
    public static IntegratedServerFixture startIn(Path dir, String... parameters) throws IOException {
        return startIn(dir, List.of(), parameters);
    }

    /** A later lab's server over an existing directory: a restart ({@link #startIn(Path, String...)}). */
    public static IntegratedServerFixture startIn(Path dir, List<ServerExtension> extensions, String... parameters)
            throws IOException {
        IntegratedServerFixture f = new IntegratedServerFixture(dir, extensions, parameters);
        f.port = f.server.start();
        return f;
    }

    /** Stops the server as SIGTERM does (saving if save points are set), leaving its files. */
    public void stopKeepingFiles() {
        server.close();
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
