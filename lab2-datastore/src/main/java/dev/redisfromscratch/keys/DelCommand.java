package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;

/**
 * {@code DEL key [key ...]}: deletes the keys and replies how many existed, {@code :<n>}.
 * An expired key does not count; a key named twice counts once (the second time it is gone).
 *
 * <p>Redis: {@code db.c}, {@code delCommand} → {@code delGenericCommand}; arity -2.
 */
public final class DelCommand implements CommandHandler {
    private final DataStore store;

    private DelCommand(DataStore store) {
        this.store = store;
    }

    /** @return the table row: {@code del}, arity -2, working on {@code store} */
    public static CommandSpec spec(DataStore store) {
        return new CommandSpec("del", -2, new DelCommand(store));
    }

    @Override
    public void execute(CommandCall call) {
        long deleted = 0;
        for (int i = 1; i < call.argc(); i++) {
            if (store.delete(call.arg(i))) {
                deleted++;
            }
        }
        call.reply().integer(deleted); // :<n>\r\n
    }
}
