package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GETDEL key}: replies the string, {@code $<len>\r\n<bytes>\r\n}, and deletes the key;
 * {@code $-1} (nothing deleted) if it is missing; {@code -WRONGTYPE ...} (nothing deleted) if it
 * holds another type.
 *
 * <p>Propagation: as {@code DEL key}.
 *
 * <p>Redis: {@code t_string.c}, {@code getdelCommand}; arity 2.
 */
public final class GetdelCommand implements CommandHandler {
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    private final SelectedDb db;

    private GetdelCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code getdel}, arity 2, write fast, one key (RW access delete) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("getdel", 2)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .docs("Get the value of a key and delete the key", "6.2.0", "string", "O(1)")
                .handler(new GetdelCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        byte[] value = store.get(key); // WRONGTYPE if not a string
        if (value == null) {
            call.reply().nullBulk(); // $-1\r\n
            return;
        }
        call.reply().bulk(value);    // $<len>\r\n<bytes>\r\n
        store.delete(key);
        call.propagateAs(List.of(DEL, key));
    }
}
