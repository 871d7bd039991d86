package dev.redisfromscratch.server;

import dev.redisfromscratch.aof.AofFormatException;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.expire.ExpireCommand;
import dev.redisfromscratch.keys.FlushCommand;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.persistence.BgrewriteaofCommand;
import dev.redisfromscratch.persistence.BgsaveCommand;
import dev.redisfromscratch.persistence.LastsaveCommand;
import dev.redisfromscratch.persistence.Persistence;
import dev.redisfromscratch.persistence.PersistenceConfig;
import dev.redisfromscratch.persistence.SaveCommand;
import dev.redisfromscratch.persistence.ShutdownCommand;
import dev.redisfromscratch.resp.Protocol;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.tcp.Server;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Lab 4's server, composed: lab 3's RESP server (one client at a time, one thread) with its
 * keyspace kept on disk by {@link Persistence}.
 *
 * <pre>
 *   commands   lab 3's + PEXPIREAT (what EXPIRE is logged as) + SAVE BGSAVE LASTSAVE BGREWRITEAOF
 *              SHUTDOWN FLUSHALL FLUSHDB
 *   pipeline   propagation → the append-only file (appendonly yes)
 *              admission   → -MISCONF after a failed background save
 *   replies    before any reply leaves → the AOF is written (and fsynced under always)
 *   cron       lab 2's active expiry, then save points, BGSAVE/rewrite completion, AOF flush
 *   startup    load(): the AOF or the snapshot, before the port is bound
 *   stop       SHUTDOWN, or close() from another thread (Ctrl+C, SIGTERM): the server thread
 *              saves as SHUTDOWN does, then stops
 * </pre>
 *
 * <p>Redis: {@code server.c}, {@code main} ({@code loadDataFromDisk} before {@code aeMain}),
 * {@code serverCron}, {@code beforeSleep}, and the {@code SIGTERM} handler that sets
 * {@code shutdown_asap} for the cron.
 */
public final class PersistentServer implements Server {
    private final Persistence persistence;
    private final BlockingServer server;
    private final Consumer<String> log;
    private volatile boolean shutdownRequested;
    private volatile boolean stopped;
    private boolean loaded;

    /**
     * @return lab 3's commands plus {@code PEXPIREAT}: the commands an append-only file may hold
     *     (lab 4's own persistence commands are added by the server, as they need its state)
     */
    public static CommandTable keyspaceCommands(SelectedDb db, ServerConfig config) {
        return RespServer.commands(db, config).register(ExpireCommand.pexpireatSpec(db));
    }

    private PersistentServer(ServerConfig config, DataStore store, Executor background, Consumer<String> log) {
        this.log = log;
        PersistenceConfig persistenceConfig = PersistenceConfig.from(config);
        CommandTable table = keyspaceCommands(store, config);
        CommandPipeline pipeline = DataStoreServer.pipeline(table, store);
        this.persistence = new Persistence(persistenceConfig, store, pipeline, ValueCodecs.strings(), background, log);
        table.register(SaveCommand.spec(persistence))
                .register(BgsaveCommand.spec(persistence))
                .register(LastsaveCommand.spec(persistence))
                .register(BgrewriteaofCommand.spec(persistence))
                .register(ShutdownCommand.spec(persistence, this::stopNow))
                .register(FlushCommand.flushallSpec(store, pipeline, persistence::flushAllSave))
                .register(FlushCommand.flushdbSpec(store, pipeline));
        pipeline.addAdmissionCheck(persistence::refuse);
        RequestLoop requests = new RequestLoop(() -> Protocol.requestDecoder(config), pipeline);
        requests.addBeforeReply(persistence::beforeReply);
        this.server = new BlockingServer(config, requests,
                DataStoreServer.cron(store, config.cronIntervalMillis()).andThen(this::cron), log);
    }

    /**
     * @param config the address, port and persistence parameters ({@link PersistenceConfig});
     *     lab 4's parameters missing there get Redis's defaults, except {@code save}: lab 1's
     *     configuration has {@code save ""}
     * @param store the keyspace; it should be empty, {@link #load()} fills it
     * @param log receives one line per connection and Redis's persistence log lines
     * @return a server not started yet; {@link #start()} loads the data first
     * @throws IllegalArgumentException for a bad parameter value
     */
    public static PersistentServer create(ServerConfig config, DataStore store, Consumer<String> log) {
        return create(config, store, PersistentServer::backgroundThread, log);
    }

    /**
     * @param background runs each background save or rewrite; tests pass one they can hold, to
     *     show the server answering while a save is "slow"
     * @return as {@link #create(ServerConfig, DataStore, Consumer)}
     */
    public static PersistentServer create(ServerConfig config, DataStore store, Executor background, Consumer<String> log) {
        return new PersistentServer(config, store, background, log);
    }

    private static void backgroundThread(Runnable task) {
        Thread t = new Thread(task, "background-save");
        t.setDaemon(true);
        t.start();
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
     * Loads the data if not done yet, opens the append-only file, then binds and serves.
     *
     * @throws IOException if the port cannot be bound or a file cannot be read, and for a bad
     *     file ({@link dev.redisfromscratch.snapshot.SnapshotFormatException}, {@link AofFormatException})
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
     * Stops the server as {@code SHUTDOWN} does, from another thread (Ctrl+C's shutdown hook, a
     * test): the server thread notices at its next cron run (within 1/hz s), saves if save points
     * are set, fsyncs the append-only file and stops; this waits for it. Redis's {@code SIGTERM}
     * handler works the same way: it only sets a flag for {@code serverCron}.
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

    private void cron() {
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

    /** Stops accepting and closes the connections; the server thread then leaves its loop. */
    private void stopNow() {
        stopped = true;
        server.close();
    }
}
