package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code GET key}: the string stored under {@code key}.
 *
 * <p>Replies {@code $<len>\r\n<bytes>\r\n}; {@code $-1} for a missing or expired key (an expired
 * key is deleted by this very lookup: lazy expiry); {@code -WRONGTYPE ...} if the key holds a list
 * or a set (lab 6).
 *
 * <p>Redis: {@code t_string.c}, {@code getCommand} → {@code getGenericCommand}; arity 2.
 */
public final class GetCommand implements CommandHandler {
    private final SelectedDb db;

    private GetCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code get}, arity 2, readonly fast, one key read, working on {@code store} */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("get", 2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Get the value of a key", "1.0.0", "string", "O(1)")
                .handler(new GetCommand(db))
                .build();
    }

    /** Replies the value; a key holding another type raises WRONGTYPE from the store. */
    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] value = store.get(call.arg(1));
        if (value == null) {
            call.reply().nullBulk();        // $-1\r\n
        } else {
            call.reply().bulk(value);       // $<len>\r\n<bytes>\r\n
        }
    }
}
