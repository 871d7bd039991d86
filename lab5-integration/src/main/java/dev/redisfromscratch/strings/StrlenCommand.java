package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code STRLEN key}: the length in bytes of the string at {@code key}, {@code :<n>}; {@code :0} for
 * a missing key; {@code -WRONGTYPE ...} for another type.
 *
 * <p>Redis: {@code t_string.c}, {@code strlenCommand}; arity 2.
 */
public final class StrlenCommand implements CommandHandler {
    private final SelectedDb db;

    private StrlenCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code strlen}, arity 2, readonly fast, one key (RO) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("strlen", 2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO))
                .docs("Get the length of the value stored in a key", "2.2.0", "string", "O(1)")
                .handler(new StrlenCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] value = store.get(call.arg(1));
        call.reply().integer(value == null ? 0 : value.length); // :<n>\r\n
    }
}
