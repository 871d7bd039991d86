package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

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
    private final SelectedDb db;

    private DbsizeCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code dbsize}, arity 1, readonly fast, no keys, working on {@code store} */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("dbsize", 1)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .tips("request_policy:all_shards", "response_policy:agg_sum")
                .docs("Return the number of keys in the selected database", "1.0.0", "server", "O(1)")
                .handler(new DbsizeCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        call.reply().integer(store.size()); // :<n>\r\n
    }
}
