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
 * {@code DEL key [key ...]}: deletes the keys and replies how many existed, {@code :<n>}.
 * An expired key does not count; a key named twice counts once (the second time it is gone).
 *
 * <p>Redis: {@code db.c}, {@code delCommand} → {@code delGenericCommand}; arity -2.
 */
public final class DelCommand implements CommandHandler {
    private final SelectedDb db;

    private DelCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code del}, arity -2, write, keys from 1 to the end, working on {@code store} */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("del", -2)
                .flags(CommandFlag.WRITE)
                .acl(AclCategory.KEYSPACE)
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RM, KeySpec.Flag.DELETE))
                .docs("Delete a key", "1.0.0", "generic", "O(N) where N is the number of keys that will be removed. "
                        + "When a key to remove holds a value other than a string, the individual complexity for this key "
                        + "is O(M) where M is the number of elements in the list, set, sorted set or hash. "
                        + "Removing a single key that holds a string value is O(1).")
                .handler(new DelCommand(db))
                .build();
    }

    /**
     * {@code UNLINK key [key ...]}: the same as DEL here, and propagated as itself. Redis frees a
     * large value in a background thread; this server frees nothing itself (the garbage collector
     * does). Registered from lab 5 on.
     *
     * <p>Redis: {@code db.c}, {@code unlinkCommand} → {@code delGenericCommand} with lazy freeing.
     *
     * @return the table row: {@code unlink}, arity -2, write fast, keys from 1 to the end
     */
    public static CommandSpec unlinkSpec(SelectedDb db) {
        return CommandSpec.builder("unlink", -2)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RM, KeySpec.Flag.DELETE))
                .docs("Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.",
                        "4.0.0", "generic", "O(1) for each key removed regardless of its size. Then the command does "
                                + "O(N) work in a different thread in order to reclaim memory, where N is the number of "
                                + "allocations the deleted objects where composed of.")
                .handler(new DelCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        long deleted = 0;
        for (int i = 1; i < call.argc(); i++) {
            if (store.delete(call.arg(i))) {
                deleted++;
            }
        }
        call.reply().integer(deleted); // :<n>\r\n
    }
}
