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
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GETSET key value}: sets the string and replies the old one, {@code $<len>\r\n<bytes>\r\n},
 * or {@code $-1} if the key was missing. Like SET, it removes the key's TTL. Deprecated since Redis
 * 6.2 for {@code SET key value GET}.
 *
 * <p>Errors: {@code -WRONGTYPE ...} (nothing is set) if the key holds another type.
 *
 * <p>Propagation: as {@code SET key value}.
 *
 * <p>Redis: {@code t_string.c}, {@code getsetCommand}; arity 3.
 */
public final class GetsetCommand implements CommandHandler {
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);

    private final SelectedDb db;

    private GetsetCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code getset}, arity 3, write denyoom fast, one key (RW access update) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("getset", 3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.UPDATE))
                .docs("Set the string value of a key and return its old value", "1.0.0", "string", "O(1)")
                .handler(new GetsetCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] old = store.get(call.arg(1)); // WRONGTYPE (nothing set) if not a string
        store.set(call.arg(1), call.arg(2));
        if (old == null) {
            call.reply().nullBulk();  // $-1\r\n
        } else {
            call.reply().bulk(old);   // $<len>\r\n<bytes>\r\n
        }
        List<byte[]> argv = new ArrayList<>(call.args());
        argv.set(0, SET);
        call.propagateAs(argv);
    }
}
