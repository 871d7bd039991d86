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
 * {@code MGET key [key ...]}: the values of the keys, in order, as an array:
 * {@code *<n>\r\n} then, per key, {@code $<len>\r\n<bytes>\r\n}, or {@code $-1\r\n} for a key that
 * is missing or holds another type (MGET never answers WRONGTYPE).
 *
 * <p>Redis: {@code t_string.c}, {@code mgetCommand}; arity -2.
 */
public final class MgetCommand implements CommandHandler {
    private final SelectedDb db;

    private MgetCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code mget}, arity -2, readonly fast, keys from 1 to the end (RO access) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("mget", -2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .tips("request_policy:multi_shard")
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Get the values of all the given keys", "1.0.0", "string",
                        "O(N) where N is the number of keys to retrieve.")
                .handler(new MgetCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        call.reply().arrayHeader(call.argc() - 1); // *<n>\r\n
        for (int i = 1; i < call.argc(); i++) {
            Object value = store.lookup(call.arg(i));
            if (value instanceof byte[] string) {
                call.reply().bulk(string);          // $<len>\r\n<bytes>\r\n
            } else {
                call.reply().nullBulk();            // $-1\r\n: missing, or not a string
            }
        }
    }
}
