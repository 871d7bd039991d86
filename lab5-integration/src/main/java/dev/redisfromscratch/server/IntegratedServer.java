package dev.redisfromscratch.server;

import dev.redisfromscratch.clients.ClientRegistry;
import dev.redisfromscratch.clients.OutputBufferLimit;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.keys.KeyspaceCommands;
import dev.redisfromscratch.multi.Transactions;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.persistence.Persistence;
import dev.redisfromscratch.pubsub.PubSub;
import dev.redisfromscratch.resp.Protocol;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.strings.StringCommands;
import dev.redisfromscratch.tcp.Server;
import dev.redisfromscratch.threaded.GlobalLock;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Lab 5's server, composed: lab 4's keyspace, commands and persistence over sixteen databases,
 * served by a thread per client under one {@link GlobalLock} (or a later lab's {@link Transport}).
 *
 * <p>Everything the earlier labs built is reused as it is: the command table starts from
 * {@link PersistentServer#keyspaceCommands}, the request loop is lab 1's with lab 3's RESP decoder,
 * persistence is lab 4's {@link Persistence}. Lab 5 adds the threads, the client list, the
 * databases and its commands.
 *
 * <p>Redis: {@code server.c}, {@code initServer}.
 */
public final class IntegratedServer implements Server {
    private final ServerConfig config;
    private final Databases dbs;
    private final CommandTable table;
    private final CommandPipeline pipeline;
    private final Persistence persistence;
    private final GlobalLock lock = new GlobalLock();
    private final ClientRegistry clients = new ClientRegistry();
    private final Transactions transactions;
    private final PubSub pubsub;
    private final OutputBufferLimit outputLimit;
    private final ServerCommands serverCommands;
    private final PersistentLifecycle lifecycle;
    private final List<Runnable> extraCron = new ArrayList<>();

    /**
     * The parts of the server an {@link ServerExtension} plugs into, once lab 5's commands are
     * registered.
     *
     * @param config the configuration (lab 4's and lab 5's defaults added)
     * @param clock the server's clock
     * @param dbs the databases
     * @param table the command table, to register commands in
     * @param pipeline the command pipeline (admission checks, interceptors, propagation)
     * @param clients the client list ({@code onRemove} for a feature's cleanup)
     * @param transactions MULTI/EXEC
     * @param serverCommands INFO's fields, CONFIG SET's parameters
     * @param server the server, for {@link IntegratedServer#addCron}
     * @param log the server's log
     */
    public record Parts(ServerConfig config, Clock clock, Databases dbs, CommandTable table, CommandPipeline pipeline,
                        ClientRegistry clients, Transactions transactions, ServerCommands serverCommands,
                        IntegratedServer server, Consumer<String> log) {
    }

    private IntegratedServer(ServerConfig config, Clock clock, Executor background, Consumer<String> log,
                             List<ServerExtension> extensions) {
        this.config = IntegrationConfig.addDefaults(config);
        this.lifecycle = new PersistentLifecycle(log);
        this.dbs = new Databases(IntegrationConfig.databases(config), clock);
        this.table = PersistentServer.keyspaceCommands(dbs, config);
        KeyspaceCommands.register(table, dbs);
        this.pipeline = DataStoreServer.pipeline(table, dbs);
        ValueCodecs codecs = ValueCodecs.strings();
        extensions.forEach(e -> e.addCodecs(codecs));
        this.persistence = PersistentServer.addPersistence(config, dbs, table, pipeline, codecs,
                background, lifecycle::stopNow, log);
        StringCommands.register(table, dbs, config);
        this.transactions = Transactions.register(table, pipeline, dbs, clients);
        this.outputLimit = new OutputBufferLimit(this.config, clock, log);
        this.pubsub = PubSub.register(table, pipeline, clients, outputLimit);
        this.serverCommands = ServerCommands.register(config, table, pipeline, clients, dbs, persistence, clock)
                .connect(transactions, pubsub, outputLimit);
        Parts parts = new Parts(this.config, clock, dbs, table, pipeline, clients, transactions, serverCommands, this, log);
        extensions.forEach(e -> e.extend(parts));
        RequestLoop requests = new RequestLoop(() -> Protocol.requestDecoder(config), pipeline);
        requests.addBeforeReply(persistence::beforeReply);
        Transport transport = Transport.THREAD_PER_CLIENT;
        for (ServerExtension e : extensions) {
            transport = e.transport() != null ? e.transport() : transport;
        }
        lifecycle.drive(persistence, transport.serve(config, requests,
                DataStoreServer.cron(dbs, config.cronIntervalMillis()).andThen(this::cron)
                        .withInterval(config::cronIntervalMillis), lock, clients, clock, log));
    }

    /**
     * @param config address, port and every parameter; lab 4's and lab 5's defaults are added
     * @param clock the server's clock (tests pass a {@code ManualClock})
     * @param log receives the server's log lines
     * @return a server, not loaded or started yet
     * @throws IllegalArgumentException for a bad parameter, with Redis's wording where it has one
     */
    public static IntegratedServer create(ServerConfig config, Clock clock, Consumer<String> log) {
        return create(config, clock, PersistentServer::backgroundThread, log);
    }

    /** The same, with the executor background saves run on (tests hold it to make a save "slow"). */
    public static IntegratedServer create(ServerConfig config, Clock clock, Executor background, Consumer<String> log) {
        return new IntegratedServer(config, clock, background, log, List.of());
    }

    /**
     * Lab 5's server with a later lab's additions (lab 6: lists, sets, blocking pops).
     *
     * @param extensions what to add, in order
     * @return a server, not loaded or started yet
     * @throws IllegalArgumentException for a bad parameter, with Redis's wording where it has one
     */
    public static IntegratedServer create(ServerConfig config, Clock clock, Executor background, Consumer<String> log,
                                          List<ServerExtension> extensions) {
        return new IntegratedServer(config, clock, background, log, extensions);
    }

    /**
     * Adds periodic work, run by the cron under the global lock after lab 5's (lab 6: blocked
     * clients' timeouts). Call from {@link ServerExtension#extend}.
     *
     * @param work what to run, {@code hz} times a second
     */
    public void addCron(Runnable work) {
        extraCron.add(work);
    }

    /** @return the databases */
    public Databases databases() {
        return dbs;
    }

    /** @return the global lock every command runs under */
    public GlobalLock lock() {
        return lock;
    }

    /** @return the connected clients */
    public ClientRegistry clients() {
        return clients;
    }

    /** @return the command table (tests, {@code COMMAND}) */
    public CommandTable table() {
        return table;
    }

    /** @return MULTI/EXEC and WATCH ({@code RESET} ends a client's transaction with it) */
    public Transactions transactions() {
        return transactions;
    }

    /** @return the channels and patterns clients are subscribed to */
    public PubSub pubsub() {
        return pubsub;
    }

    /** @return lab 5's server commands: INFO's fields, CONFIG SET's parameters, requirepass */
    public ServerCommands serverCommands() {
        return serverCommands;
    }

    /**
     * @return the output buffer limits ({@code client-output-buffer-limit}): the cron and
     *     {@code PUBLISH} check them; lab 7 also checks them after each reply
     */
    public OutputBufferLimit outputLimit() {
        return outputLimit;
    }

    /** @return the snapshot and append-only file */
    public Persistence persistence() {
        return persistence;
    }

    /** @return {@code null} once the data is loaded and the append-only file open, else the line to print: {@link PersistentLifecycle#prepare()} */
    public String prepare() {
        return lifecycle.prepare();
    }

    /**
     * Loads the append-only file or the snapshot, once.
     *
     * @throws IOException if a file is damaged or unreadable (the server must not start)
     */
    public void load() throws IOException {
        lifecycle.load();
        table.resetStats(); // replaying the append-only file is not serving commands (INFO commandstats)
    }

    @Override
    public int start() throws IOException {
        load();
        return lifecycle.start(); // opens the append-only file, then binds
    }

    @Override
    public int port() {
        return lifecycle.port();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        lifecycle.awaitStop();
    }

    /**
     * Asks for a shutdown as SIGTERM does: the cron saves (as {@code SHUTDOWN} would) and stops the
     * server; this call returns once it has stopped ({@link PersistentLifecycle#close()}).
     */
    @Override
    public void close() {
        lifecycle.close();
    }

    private void cron() {
        clients.all().forEach(outputLimit::closeIfReached);
        serverCommands.cron();
        extraCron.forEach(Runnable::run);
        lifecycle.cron(); // persistence's cron, then a shutdown if one was asked for
    }
}
