package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code TOUCH key [key ...]}: replies how many of the keys exist, {@code :<n>}, counting a key
 * named twice twice. In Redis it also refreshes each key's last access time, which eviction reads;
 * this server keeps no access times, so counting is all it does.
 *
 * <p>Redis: {@code db.c}, {@code touchCommand}; arity -2.
 */
public final class TouchCommand implements CommandHandler {
    private final SelectedDb db;

    private TouchCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code touch}, arity -2, readonly fast, keys from 1 to the end */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("touch", -2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RO))
                .docs("Alters the last access time of a key(s). Returns the number of existing keys specified.",
                        "3.2.1", "generic", "O(N) where N is the number of keys that will be touched.")
                .handler(new TouchCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client());
        long count = 0;
        for (int i = 1; i < call.argc(); i++) {
            if (store.exists(call.arg(i))) {
                count++;
            }
        }
        call.reply().integer(count); // :<n>\r\n
    }
}
