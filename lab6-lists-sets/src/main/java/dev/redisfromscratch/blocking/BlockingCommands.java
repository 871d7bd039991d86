package dev.redisfromscratch.blocking;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.server.IntegratedServer;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.store.KeyspaceListener;
import java.util.OptionalLong;

/**
 * Adds the blocking pops to lab 5's server: {@code BLPOP}, {@code BRPOP}, {@code BLMOVE},
 * {@code BRPOPLPUSH} and {@code BLMPOP}, and what wakes their clients.
 *
 * <pre>
 *   each database's keyspace listener   a list added under a key clients wait on → signalKeyAsReady
 *   the pipeline's after-command work   serveReadyKeys, once the command that added it is propagated
 *   SWAPDB, wrapped                     every key waited on in both databases is ready
 *   the cron (hz times a second)        timeOut: clients past their deadline answer *-1
 *   a client leaving, CLIENT KILL, RESET   forgotten (its element stays for the next client)
 * </pre>
 *
 * <p>{@code INFO}'s {@code blocked_clients} and {@code CLIENT LIST}'s {@code flags=b} read the
 * {@code BLOCKED} flag, so they count these clients with nothing more to register; the idle
 * {@code timeout} never closes a blocked client (lab 5's {@code ClientRegistry.closeIdle}).
 *
 * <p>Redis: {@code server.c}, the command table; {@code processCommand} and {@code beforeSleep}
 * ({@code handleClientsBlockedOnKeys}); {@code networking.c}, {@code freeClient}
 * ({@code unblockClient}).
 */
public final class BlockingCommands {
    private BlockingCommands() {
    }

    /**
     * @param parts lab 5's server
     * @param limits the list encoding's limits (a served {@code BLMOVE} pushes)
     * @return the blocked clients, for tests
     */
    public static BlockedClients register(IntegratedServer.Parts parts, EncodingLimits limits) {
        Databases dbs = parts.dbs();
        BlockedClients blocked = new BlockedClients(dbs, parts.pipeline()::alsoPropagate);
        for (int i = 0; i < dbs.count(); i++) {
            int db = i;
            dbs.db(i).addListener(new KeyspaceListener() {
                @Override
                public void keyExpired(Key key) {
                    // a key that leaves wakes nobody
                }

                @Override
                public void keyAdded(Key key, Object value) {
                    if (value instanceof ListValue) {
                        blocked.signalKeyAsReady(db, key);
                    }
                }
            });
        }
        parts.pipeline().addAfterCommand(() -> {
            if (blocked.hasReadyKeys()) { // the common case costs one check
                blocked.serveReadyKeys();
            }
        });
        parts.server().addCron(() -> blocked.timeOut(parts.clock().millis()));
        parts.clients().onRemove(blocked::unblock);
        parts.clients().resets().onReset(blocked::unblock);
        parts.table()
                .register(BlockingPopCommand.blpopSpec(dbs, blocked, parts.clock()))
                .register(BlockingPopCommand.brpopSpec(dbs, blocked, parts.clock()))
                .register(BlockingMoveCommand.blmoveSpec(dbs, blocked, parts.clock(), limits))
                .register(BlockingMoveCommand.brpoplpushSpec(dbs, blocked, parts.clock(), limits))
                .register(BlockingMultiPopCommand.spec(dbs, blocked, parts.clock()));
        CommandSpec swapdb = parts.table().lookup("swapdb");
        if (swapdb != null) {
            parts.table().register(swapdb.withHandler(call -> {
                swapdb.handler().execute(call);
                for (int i = 1; i <= 2; i++) { // after an error too: a key made ready for nothing serves nobody
                    OptionalLong index = IntegerArgument.parse(call.arg(i));
                    if (index.isPresent() && dbs.exists(index.getAsLong())) {
                        blocked.signalDatabase((int) index.getAsLong());
                    }
                }
            }));
        }
        return blocked;
    }
}
