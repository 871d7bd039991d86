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
 * {@code EXISTS key [key ...]}: how many of the named keys exist, {@code :<n>}. A key named
 * several times is counted each time: {@code EXISTS k k} on an existing {@code k} is {@code :2}.
 * Expired keys do not exist (and are reclaimed by the lookup).
 *
 * <p>Redis: {@code db.c}, {@code existsCommand}; arity -2.
 */
public final class ExistsCommand implements CommandHandler {
    private final SelectedDb db;

    private ExistsCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code exists}, arity -2, readonly fast, keys from 1 to the end, working on {@code store} */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("exists", -2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RO))
                .docs("Determine if a key exists", "1.0.0", "generic", "O(N) where N is the number of keys to check.")
                .handler(new ExistsCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        long count = 0;
        for (int i = 1; i < call.argc(); i++) {
            if (store.exists(call.arg(i))) {
                count++;
            }
        }
        call.reply().integer(count); // :<n>\r\n
    }
}
