package dev.redisfromscratch.lists;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code LINSERT key BEFORE|AFTER pivot element}: inserts {@code element} next to the first element
 * equal to {@code pivot} (from the head). Replies the new length, {@code :<n>\r\n}; {@code :-1} if
 * the pivot is not found; {@code :0} for a missing key.
 *
 * <p>Errors, in Redis's order: {@code -ERR syntax error} (neither BEFORE nor AFTER, any case), then
 * {@code -WRONGTYPE ...}.
 *
 * <p>Propagation: as it is, when inserted.
 *
 * <p>Redis: {@code t_list.c}, {@code linsertCommand}; arity 5.
 */
public final class LinsertCommand implements CommandHandler {
    private final SelectedDb db;
    private final EncodingLimits limits;

    private LinsertCommand(SelectedDb db, EncodingLimits limits) {
        this.db = db;
        this.limits = limits;
    }

    /** @return {@code linsert}: arity 5, write denyoom (so @slow), one key (RW insert) */
    public static CommandSpec spec(SelectedDb db, EncodingLimits limits) {
        return CommandSpec.builder("linsert", 5)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                .docs("Insert an element before or after another element in a list", "2.2.0", "list",
                        "O(N) where N is the number of elements to traverse before seeing the value pivot. This "
                                + "means that inserting somewhere on the left end on the list (head) can be considered "
                                + "O(1) and inserting somewhere on the right end (tail) is O(N).")
                .handler(new LinsertCommand(db, limits))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        String where = call.argString(2);
        boolean after;
        if (where.equalsIgnoreCase("after")) {
            after = true;
        } else if (where.equalsIgnoreCase("before")) {
            after = false;
        } else {
            throw new RedisError(ErrorReplies.SYNTAX);
        }
        DataStore store = db.of(call.client()); // the client's selected database
        ListValue list = (ListValue) store.lookup(call.arg(1), ListValue.LIST);
        if (list == null) {
            call.reply().integer(0);               // :0\r\n
            return;
        }
        long length = list.insert(call.arg(3), call.arg(4), after, limits);
        if (length >= 0) {
            store.modified(1);
        }
        call.reply().integer(length);              // :<length>\r\n, or :-1\r\n
    }
}
