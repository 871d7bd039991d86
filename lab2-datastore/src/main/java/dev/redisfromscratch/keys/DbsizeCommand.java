package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;

/**
 * {@code DBSIZE}: the number of keys in the keyspace, {@code :<n>}.
 *
 * <p>It reads the size of the main dict and touches no key, so it counts keys that have expired
 * but have not been reclaimed yet. That makes it the window on active expiry: set keys with a short
 * TTL, never read them, and watch DBSIZE fall as the server cron reclaims them.
 *
 * <p>Redis: {@code db.c}, {@code dbsizeCommand}; arity 1.
 */
public final class DbsizeCommand implements CommandHandler {
    private final DataStore store;

    private DbsizeCommand(DataStore store) {
        this.store = store;
    }

    /** @return the table row: {@code dbsize}, arity 1, working on {@code store} */
    public static CommandSpec spec(DataStore store) {
        return new CommandSpec("dbsize", 1, new DbsizeCommand(store));
    }

    @Override
    public void execute(CommandCall call) {
        call.reply().integer(store.size()); // :<n>\r\n
    }
}
