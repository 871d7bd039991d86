package dev.redisfromscratch.expire;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;

/**
 * {@code PERSIST key}: removes the key's TTL, so it lives until deleted.
 *
 * <p>Replies {@code :1} if a TTL was removed, {@code :0} if the key does not exist or had none.
 *
 * <p>Redis: {@code expire.c}, {@code persistCommand}; arity 2.
 */
public final class PersistCommand implements CommandHandler {
    private final DataStore store;

    private PersistCommand(DataStore store) {
        this.store = store;
    }

    /** @return the table row: {@code persist}, arity 2, working on {@code store} */
    public static CommandSpec spec(DataStore store) {
        return new CommandSpec("persist", 2, new PersistCommand(store));
    }

    @Override
    public void execute(CommandCall call) {
        call.reply().integer(store.persist(call.arg(1)) ? 1 : 0); // :1 or :0
    }
}
