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
 * {@code SETNX key value}: sets the string only if the key does not exist (of any type), replying
 * {@code :1} if it was set and {@code :0} if not. {@code SET key value NX} with an integer reply.
 *
 * <p>Propagated as sent, when it set the key.
 *
 * <p>Redis: {@code t_string.c}, {@code setnxCommand} → {@code setGenericCommand}; arity 3.
 */
public final class SetnxCommand implements CommandHandler {
    private final SelectedDb db;

    private SetnxCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code setnx}, arity 3, write denyoom fast, one key (OW insert) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("setnx", 3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.INSERT))
                .docs("Set the value of a key, only if the key does not exist", "1.0.0", "string", "O(1)")
                .handler(new SetnxCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        if (store.exists(call.arg(1))) {
            call.reply().integer(0); // :0\r\n
            return;
        }
        store.set(call.arg(1), call.arg(2));
        call.reply().integer(1);     // :1\r\n
    }
}
