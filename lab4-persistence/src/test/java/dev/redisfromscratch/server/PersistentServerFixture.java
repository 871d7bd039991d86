package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.testkit.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Lab 4's server on an ephemeral loopback port, in a temp directory of its own, with a
 * {@link ManualClock} (save points and TTLs move when the test says) and, if asked, background
 * work that waits until the test runs it ({@link #runHeldBackgroundWork()}): a "slow" BGSAVE
 * without any sleep.
 */
final class PersistentServerFixture implements AutoCloseable {
    final ManualClock clock;
    final Path dir;
    final List<String> log = new CopyOnWriteArrayList<>();
    final DataStore store;
    final PersistentServer server;
    final ServerConfig config;
    private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
    int port;

    private PersistentServerFixture(Path dir, ManualClock clock, boolean holdBackgroundWork, String... parameters) {
        this.dir = dir;
        this.clock = clock;
        this.store = new DataStore(clock);
        this.config = ServerConfig.ephemeral().set("dir", dir.toString());
        for (int i = 0; i < parameters.length; i += 2) {
            config.set(parameters[i], parameters[i + 1]);
        }
        Executor background = holdBackgroundWork ? held::add : PersistentServerFixture::thread;
        this.server = PersistentServer.create(config, store, background, log::add);
    }

    /**
     * A server, not started, over {@code dir}.
     *
     * @param parameters configuration pairs, e.g. {@code "appendonly", "yes"}; {@code save} is
     *     {@code ""} unless given
     */
    static PersistentServerFixture in(Path dir, String... parameters) {
        return new PersistentServerFixture(dir, new ManualClock(), false, parameters);
    }

    /** As {@link #in}, sharing a clock with an earlier server (a restart keeps time moving forward). */
    static PersistentServerFixture in(Path dir, ManualClock clock, String... parameters) {
        return new PersistentServerFixture(dir, clock, false, parameters);
    }

    /** As {@link #in}, with background saves and rewrites held until {@link #runHeldBackgroundWork()}. */
    static PersistentServerFixture holdingBackgroundWork(Path dir, String... parameters) {
        return new PersistentServerFixture(dir, new ManualClock(), true, parameters);
    }

    /** Starts it (loading what is in its directory) and returns this. */
    PersistentServerFixture start() throws IOException {
        port = server.start();
        return this;
    }

    /** Runs the background work BGSAVE or BGREWRITEAOF handed over, on a thread of its own. */
    void runHeldBackgroundWork() throws InterruptedException {
        thread(held.take());
    }

    /**
     * Waits until the server thread has applied the result of the background work running now
     * (its cron does it, within one cron interval of the work finishing).
     */
    void awaitBackgroundWork() throws Exception {
        server.persistence().backgroundWorkDone().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** @return the snapshot file's text */
    String snapshotText() throws IOException {
        return Files.readString(dir.resolve("dump.json"));
    }

    private static void thread(Runnable task) {
        Thread t = new Thread(task, "test-background");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
