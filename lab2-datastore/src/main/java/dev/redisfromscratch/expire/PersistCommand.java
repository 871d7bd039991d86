package dev.redisfromscratch.expire;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code PERSIST key}: removes the key's TTL, so it lives until deleted.
 *
 * <p>Replies {@code :1} if a TTL was removed, {@code :0} if the key does not exist or had none.
 *
 * <p>Redis: {@code expire.c}, {@code persistCommand}; arity 2.
 */
public final class PersistCommand implements CommandHandler {
    private final SelectedDb db;

    private PersistCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code persist}, arity 2, write fast, one key, working on {@code store} */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("persist", 2)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.UPDATE))
                .docs("Remove the expiration from a key", "2.2.0", "generic", "O(1)")
                .handler(new PersistCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        call.reply().integer(store.persist(call.arg(1)) ? 1 : 0); // :1 or :0
    }
}
