package dev.redisfromscratch.server;

import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.expire.ActiveExpiry;
import dev.redisfromscratch.expire.ExpireCommand;
import dev.redisfromscratch.expire.PersistCommand;
import dev.redisfromscratch.expire.TtlCommand;
import dev.redisfromscratch.keys.DbsizeCommand;
import dev.redisfromscratch.keys.DelCommand;
import dev.redisfromscratch.keys.ExistsCommand;
import dev.redisfromscratch.networking.RequestLoop;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.protocol.RequestFramer;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.SelectedDb;
import dev.redisfromscratch.store.ExpiryMode;
import dev.redisfromscratch.strings.GetCommand;
import dev.redisfromscratch.strings.SetCommand;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.tcp.ServerCron;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lab 2's server, composed: lab 1's blocking, single-threaded {@link BlockingServer}, still framing
 * inline commands, with a {@link DataStore} behind it.
 *
 * <pre>
 *   commands: PING ECHO QUIT                                    (lab 1)
 *             SET GET                                           (strings,  t_string.c)
 *             DEL EXISTS DBSIZE                                 (keyspace, db.c)
 *             EXPIRE TTL PTTL PERSIST                           (expiry,   expire.c)
 *   pipeline: dirty counter = store.dirty(); a key reclaimed by expiry propagates as DEL key
 *   cron:     every 100 ms on the server thread: the active expiry cycle, then shrink emptied tables
 * </pre>
 *
 * <p>Lab 3 builds on {@link #commands(DataStore)}, {@link #pipeline} and {@link #cron(DataStore)}
 * with a RESP framer.
 *
 * <p>Redis: {@code server.c}, {@code serverCron} → {@code databasesCron} ({@code activeExpireCycle},
 * {@code tryResizeHashTables}); {@code db.c}, {@code propagateDeletion}.
 */
public final class DataStoreServer {
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    private DataStoreServer() {
    }

    /**
     * @return a new command table: lab 1's commands ({@link PingServer#commands()}) plus SET, GET,
     *     DEL, EXISTS, DBSIZE, EXPIRE, TTL, PTTL and PERSIST, all working on {@code store}
     */
    public static CommandTable commands(SelectedDb db) {
        return PingServer.commands()
                .register(SetCommand.spec(db))
                .register(GetCommand.spec(db))
                .register(DelCommand.spec(db))
                .register(ExistsCommand.spec(db))
                .register(DbsizeCommand.spec(db))
                .register(ExpireCommand.spec(db))
                .register(TtlCommand.ttlSpec(db))
                .register(TtlCommand.pttlSpec(db))
                .register(PersistCommand.spec(db));
    }

    /**
     * A command pipeline over a store: the store's dirty counter decides what propagates, and every
     * key the store reclaims by expiry is propagated as {@code DEL key} (Redis: {@code propagateDeletion}).
     *
     * @param table the commands
     * @param store the keyspace they work on
     */
    public static CommandPipeline pipeline(CommandTable table, DataStore store) {
        return pipeline(table, Databases.single(store));
    }

    /**
     * The same over numbered databases: their summed dirty counters decide what propagates, and a
     * key reclaimed by expiry in database {@code n} is propagated as {@code DEL key} in database
     * {@code n}.
     */
    public static CommandPipeline pipeline(CommandTable table, Databases dbs) {
        CommandPipeline pipeline = new CommandPipeline(table, dbs::dirty);
        for (int i = 0; i < dbs.count(); i++) {
            int index = i;
            dbs.db(i).addListener(key -> pipeline.alsoPropagate(index, List.of(DEL, key.bytes())));
        }
        return pipeline;
    }

    /**
     * @return the periodic work of a store's server, every {@value ServerCron#DEFAULT_INTERVAL_MILLIS} ms
     *     ({@code hz 10}): one active expiry cycle ({@link ActiveExpiry}, at most 25 ms) when the
     *     store may expire keys ({@link ExpiryMode#PRIMARY}), then {@link DataStore#tryResizeHashTables()}
     */
    public static ServerCron cron(DataStore store) {
        return cron(store, ServerCron.DEFAULT_INTERVAL_MILLIS);
    }

    /**
     * @param intervalMillis milliseconds between runs: the configuration's {@code 1000 / hz}
     * @return the same periodic work as {@link #cron(DataStore)}, at another frequency
     */
    public static ServerCron cron(DataStore store, int intervalMillis) {
        return cron(Databases.single(store), intervalMillis);
    }

    /**
     * @return the same periodic work over numbered databases: each database with volatile keys gets
     *     its active expiry cycle (Redis's {@code activeExpireCycle} walks {@code server.db[]} too)
     */
    public static ServerCron cron(Databases dbs, int intervalMillis) {
        ActiveExpiry[] cycles = new ActiveExpiry[dbs.count()];
        for (int i = 0; i < cycles.length; i++) {
            cycles[i] = new ActiveExpiry(dbs.db(i));
        }
        return new ServerCron(() -> {
            for (int i = 0; i < cycles.length; i++) {
                DataStore store = dbs.db(i);
                // Redis skips a database without volatile keys; a replica never expires keys itself.
                if (store.expiryMode() == ExpiryMode.PRIMARY && store.volatileKeyCount() > 0) {
                    cycles[i].runCycle();
                }
                store.tryResizeHashTables();
            }
        }, intervalMillis);
    }

    /**
     * A blocking server over {@code store}, with {@code table}'s commands and {@code framers}'
     * framing: how lab 2 and lab 3 are put together.
     *
     * @param config the address and port to listen on
     * @param log receives one line per connection
     * @return a server not started yet; call {@code start()}
     */
    public static BlockingServer create(ServerConfig config, DataStore store, CommandTable table,
                                        Supplier<RequestFramer> framers, Consumer<String> log) {
        RequestLoop requests = new RequestLoop(framers, pipeline(table, store));
        return new BlockingServer(config, requests, cron(store, config.cronIntervalMillis()), log);
    }

    /**
     * @param config the address and port to listen on
     * @param store the keyspace the commands work on
     * @param log receives one line per connection
     * @return lab 2's server, framing inline commands; not started yet
     */
    public static BlockingServer create(ServerConfig config, DataStore store, Consumer<String> log) {
        return create(config, store, commands(store), InlineFramer::new, log);
    }
}
