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
import dev.redisfromscratch.store.Databases;
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
 * <p><b>For a later lab's server.</b> The persistence part is one piece,
 * {@link #addPersistence}: a server with its own loop (lab 5: a thread per client) and its own
 * databases (sixteen) composes its table and pipeline, hands them to it, and wires the three calls
 * it documents (before replies, the cron, startup); it copies nothing of this class.
 *
 * <p>Redis: {@code server.c}, {@code main} ({@code loadDataFromDisk} before {@code aeMain}),
 * {@code serverCron}, {@code beforeSleep}, and the {@code SIGTERM} handler that sets
 * {@code shutdown_asap} for the cron.
 */
public final class PersistentServer implements Server {
    private final PersistentLifecycle lifecycle;

    /**
     * @return lab 3's commands plus {@code PEXPIREAT}: the commands an append-only file may hold
     *     (lab 4's own persistence commands are added by the server, as they need its state)
     */
    public static CommandTable keyspaceCommands(SelectedDb db, ServerConfig config) {
        return RespServer.commands(db, config).register(ExpireCommand.pexpireatSpec(db));
    }

    /**
     * Adds lab 4's persistence to a server being composed over {@code dbs}: makes the
     * {@link Persistence}, registers SAVE, BGSAVE, LASTSAVE, BGREWRITEAOF, SHUTDOWN, FLUSHALL (every
     * database) and FLUSHDB (the client's) in {@code table}, and adds the {@code -MISCONF} admission
     * check to {@code pipeline}. The append-only file, once open, listens to {@code pipeline} and is
     * replayed through it, with {@code SELECT}s up to {@code dbs.count() - 1}.
     *
     * <p>The caller then wires what depends on its own loop, as this class does:
     * <pre>
     *   requests.addBeforeReply(persistence::beforeReply)     the AOF is written before replies leave
     *   its cron: persistence.cron() after lab 2's             DataStoreServer.cron(dbs, interval).andThen(...)
     *   startup: persistence.load(), then bind, then persistence.openAppendOnlyFile()
     *   stop: persistence.prepareForShutdown(null, false) on the thread that runs commands
     * </pre>
     *
     * @param config the persistence parameters ({@link PersistenceConfig#from})
     * @param dbs the databases: {@code Databases.single(store)} in lab 4, sixteen in lab 5
     * @param table the server's commands, with the keyspace commands over {@code dbs}
     *     ({@link #keyspaceCommands}); lab 4's are added to it
     * @param pipeline the server's pipeline over {@code table} and {@code dbs}
     *     ({@code DataStoreServer.pipeline(table, dbs)})
     * @param codecs the value types persisted ({@code ValueCodecs.strings()} in lab 4)
     * @param background runs each background save or rewrite ({@link #backgroundThread} in a server)
     * @param stopServer what {@code SHUTDOWN} runs, on the command's thread, once the data is safe:
     *     stop accepting and close the connections
     * @param log receives Redis's persistence log lines
     * @return the persistence, for the wiring above
     * @throws IllegalArgumentException for a bad persistence parameter in {@code config}
     */
    public static Persistence addPersistence(ServerConfig config, Databases dbs, CommandTable table,
                                             CommandPipeline pipeline, ValueCodecs codecs, Executor background,
                                             Runnable stopServer, Consumer<String> log) {
        Persistence persistence = new Persistence(PersistenceConfig.from(config), dbs, pipeline, codecs, background, log);
        table.register(SaveCommand.spec(persistence))
                .register(BgsaveCommand.spec(persistence))
                .register(LastsaveCommand.spec(persistence))
                .register(BgrewriteaofCommand.spec(persistence))
                .register(ShutdownCommand.spec(persistence, stopServer))
                .register(FlushCommand.flushallSpec(dbs, pipeline, persistence::flushAllSave))
                .register(FlushCommand.flushdbSpec(dbs, pipeline));
        pipeline.addAdmissionCheck(persistence::refuse);
        return persistence;
    }

    private PersistentServer(ServerConfig config, DataStore store, Executor background, Consumer<String> log) {
        this.lifecycle = new PersistentLifecycle(log);
        Databases dbs = Databases.single(store);
        CommandTable table = keyspaceCommands(store, config);
        CommandPipeline pipeline = DataStoreServer.pipeline(table, dbs);
        Persistence persistence = addPersistence(config, dbs, table, pipeline, ValueCodecs.strings(), background,
                lifecycle::stopNow, log);
        RequestLoop requests = new RequestLoop(() -> Protocol.requestDecoder(config), pipeline);
        requests.addBeforeReply(persistence::beforeReply);
        lifecycle.drive(persistence, new BlockingServer(config, requests,
                DataStoreServer.cron(dbs, config.cronIntervalMillis()).andThen(lifecycle::cron), log));
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

    /**
     * The server's background executor: runs {@code task} (a BGSAVE's write, a rewrite) on a daemon
     * thread of its own, named {@code background-save}, as Redis forks a child per save.
     */
    public static void backgroundThread(Runnable task) {
        Thread t = new Thread(task, "background-save");
        t.setDaemon(true);
        t.start();
    }

    /** @return the persistence state: files, last save, background work */
    public Persistence persistence() {
        return lifecycle.persistence();
    }

    /** Loads the data from disk, once: {@link PersistentLifecycle#load()}. */
    public void load() throws IOException {
        lifecycle.load();
    }

    /** @return {@code null} once the data is loaded and the append-only file open, else the line to print: {@link PersistentLifecycle#prepare()} */
    public String prepare() {
        return lifecycle.prepare();
    }

    /** Loads the data if not done yet, opens the append-only file, then binds and serves. */
    @Override
    public int start() throws IOException {
        return lifecycle.start();
    }

    @Override
    public int port() {
        return lifecycle.port();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        lifecycle.awaitStop();
    }

    /** Stops the server as {@code SHUTDOWN} does, from another thread: {@link PersistentLifecycle#close()}. */
    @Override
    public void close() {
        lifecycle.close();
    }
}
