package dev.redisfromscratch.server;

import dev.redisfromscratch.aof.AofFormatException;
import dev.redisfromscratch.persistence.Persistence;
import dev.redisfromscratch.tcp.Server;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.function.Consumer;

/**
 * The life of a server that persists, whatever serves its clients (lab 4's one thread, lab 5's
 * thread per client): load the data before binding, open the append-only file, and stop as
 * {@code SHUTDOWN} does when asked from outside (Ctrl+C's shutdown hook, a test).
 *
 * <p>A stop asked from outside only sets a flag; the cron, which runs where commands run (under
 * the lock, on the server thread), notices it within 1/hz s, saves if save points are set, fsyncs
 * the append-only file and stops the server. {@link #close()} waits for that. Redis's
 * {@code SIGTERM} handler works the same way: it sets {@code shutdown_asap} for {@code serverCron}.
 *
 * <p>Made before the server it drives (its {@link #stopNow} goes into {@code SHUTDOWN}'s command),
 * then given the persistence and the server with {@link #drive}.
 *
 * <p>Redis: {@code server.c}, {@code main} ({@code loadDataFromDisk} before {@code aeMain}),
 * {@code serverCron} ({@code shutdown_asap}), {@code prepareForShutdown}.
 */
public final class PersistentLifecycle implements Server {
    private final Consumer<String> log;
    private Persistence persistence;
    private Server server;
    private volatile boolean shutdownRequested;
    private volatile boolean stopped;
    private boolean loaded;

    /** @param log receives the shutdown's log lines */
    public PersistentLifecycle(Consumer<String> log) {
        this.log = log;
    }

    /**
     * @param persistence the files to load, flush and close
     * @param server what serves the clients; its cron must call {@link #cron()}
     */
    public void drive(Persistence persistence, Server server) {
        this.persistence = persistence;
        this.server = server;
    }

    /** @return the persistence state: files, last save, background work */
    public Persistence persistence() {
        return persistence;
    }

    /**
     * Loads the data from disk (once): see {@link Persistence#load()}. {@link #start()} calls it if
     * it has not been called; a main calls it first to report a bad file and exit.
     *
     * @throws dev.redisfromscratch.snapshot.SnapshotFormatException a bad snapshot (one line)
     * @throws AofFormatException a damaged append-only file (one line)
     * @throws IOException if a file cannot be read
     */
    public void load() throws IOException {
        if (!loaded) {
            persistence.load();
            loaded = true;
        }
    }

    /**
     * What a main does before serving: {@link #load()}, then open the append-only file, so a bad
     * file is reported before the port is bound.
     *
     * @return {@code null}, or the one line a main prints before exiting with status 1
     */
    public String prepare() {
        try {
            load();
        } catch (NoSuchFileException e) {
            return e.getReason() != null ? e.getReason() : "No such file or directory: " + e.getFile();
        } catch (IOException e) {
            return e.getMessage();
        }
        try {
            persistence.openAppendOnlyFile();
        } catch (IOException e) {
            return "Can't open the append-only file: " + e;
        }
        return null;
    }

    /**
     * Loads the data if not done yet, opens the append-only file, then binds and serves.
     *
     * @throws IOException if the port cannot be bound or a file cannot be read, and for a bad file
     */
    @Override
    public int start() throws IOException {
        load();
        persistence.openAppendOnlyFile();
        return server.start();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        server.awaitStop();
    }

    /**
     * Stops the server as {@code SHUTDOWN} does, from another thread, and waits until it has: the
     * cron saves (if save points are set) and stops it.
     */
    @Override
    public void close() {
        shutdownRequested = true;
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopped) { // never started, or the server thread is gone: nobody else will close the files
            server.close();
            persistence.closeAppendOnlyFile();
        }
    }

    /** The cron's persistence work, then a shutdown if one was asked for. Runs where commands run. */
    public void cron() {
        persistence.cron();
        if (shutdownRequested && !stopped) {
            log.accept("Received a shutdown request, scheduling shutdown...");
            if (!persistence.prepareForShutdown(null, false)) {
                log.accept("The save failed; stopping anyway, as the JVM is exiting.");
                persistence.closeAppendOnlyFile();
            }
            stopNow();
        }
    }

    /** Stops accepting and closes the connections, now ({@code SHUTDOWN}, once it has saved). */
    public void stopNow() {
        stopped = true;
        server.close();
    }
}
