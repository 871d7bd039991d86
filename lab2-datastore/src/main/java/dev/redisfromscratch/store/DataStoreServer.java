package dev.redisfromscratch.store;

import dev.redisfromscratch.command.CommandTable;
import dev.redisfromscratch.expire.ActiveExpiry;
import dev.redisfromscratch.expire.ExpireCommand;
import dev.redisfromscratch.expire.PersistCommand;
import dev.redisfromscratch.expire.TtlCommand;
import dev.redisfromscratch.keys.DbsizeCommand;
import dev.redisfromscratch.keys.DelCommand;
import dev.redisfromscratch.keys.ExistsCommand;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.strings.GetCommand;
import dev.redisfromscratch.strings.SetCommand;
import dev.redisfromscratch.tcp.BlockingServer;
import dev.redisfromscratch.tcp.CommandConnection;
import dev.redisfromscratch.tcp.PingServer;
import dev.redisfromscratch.tcp.ServerCron;
import java.util.function.Consumer;

/**
 * Lab 2's server: lab 1's blocking, single-threaded {@link BlockingServer}, still framing inline
 * commands, with a {@link DataStore} behind it.
 *
 * <pre>
 *   commands: PING ECHO QUIT                                    (lab 1)
 *             SET GET                                           (strings,  t_string.c)
 *             DEL EXISTS DBSIZE                                 (keyspace, db.c)
 *             EXPIRE TTL PTTL PERSIST                           (expiry,   expire.c)
 *   cron:     every 100 ms on the server thread: the active expiry cycle, then shrink emptied tables
 * </pre>
 *
 * <p>Lab 3 builds on {@link #commands(DataStore)} and {@link #cron(DataStore)} with a RESP framer.
 *
 * <p>Redis: {@code server.c}, {@code serverCron} → {@code databasesCron} ({@code activeExpireCycle},
 * {@code tryResizeHashTables}).
 */
public final class DataStoreServer {
    private DataStoreServer() {
    }

    /**
     * @return a new command table: lab 1's commands ({@link PingServer#commands()}) plus SET, GET,
     *     DEL, EXISTS, DBSIZE, EXPIRE, TTL, PTTL and PERSIST, all working on {@code store}
     */
    public static CommandTable commands(DataStore store) {
        return PingServer.commands()
                .register(SetCommand.spec(store))
                .register(GetCommand.spec(store))
                .register(DelCommand.spec(store))
                .register(ExistsCommand.spec(store))
                .register(DbsizeCommand.spec(store))
                .register(ExpireCommand.spec(store))
                .register(TtlCommand.ttlSpec(store))
                .register(TtlCommand.pttlSpec(store))
                .register(PersistCommand.spec(store));
    }

    /**
     * @return the periodic work of a store's server, every {@value ServerCron#DEFAULT_INTERVAL_MILLIS} ms
     *     ({@code hz 10}): one active expiry cycle ({@link ActiveExpiry}, at most 25 ms), then
     *     {@link DataStore#tryResizeHashTables()}
     */
    public static ServerCron cron(DataStore store) {
        ActiveExpiry activeExpiry = new ActiveExpiry(store);
        return new ServerCron(() -> {
            activeExpiry.runCycle();
            store.tryResizeHashTables();
        }, ServerCron.DEFAULT_INTERVAL_MILLIS);
    }

    /**
     * @param store the keyspace the commands work on
     * @param log receives one line per connection
     * @return an unbound server that frames inline commands; call {@code bind} then {@code serve}
     */
    public static BlockingServer create(DataStore store, Consumer<String> log) {
        return new BlockingServer(new CommandConnection(new InlineFramer(), commands(store)), cron(store), log);
    }
}
