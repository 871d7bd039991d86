package dev.redisfromscratch.lists;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code LREM key count element}: deletes elements equal to {@code element}: the first
 * {@code count} from the head if {@code count > 0}, the last {@code -count} from the tail if
 * negative, all if 0. Replies how many, {@code :<n>\r\n} ({@code :0} for a missing key). A list
 * emptied is deleted.
 *
 * <p>Errors, in Redis's order: {@code -ERR value is not an integer or out of range}, then
 * {@code -WRONGTYPE ...}.
 *
 * <p>Propagation: as it is, when something was deleted.
 *
 * <p>Redis: {@code t_list.c}, {@code lremCommand}; arity 4.
 */
public final class LremCommand implements CommandHandler {
    private final SelectedDb db;

    private LremCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return {@code lrem}: arity 4, write (so @slow), one key (RW delete) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("lrem", 4)
                .flags(CommandFlag.WRITE)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.DELETE))
                .docs("Remove elements from a list", "1.0.0", "list",
                        "O(N+M) where N is the length of the list and M is the number of elements removed.")
                .handler(new LremCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long count = IntegerArgument.require(call, 2);
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        ListValue list = (ListValue) store.lookup(key, ListValue.LIST);
        if (list == null) {
            call.reply().integer(0);               // :0\r\n
            return;
        }
        long removed = list.remove(call.arg(3), count);
        store.modified(removed);
        if (list.size() == 0) {
            store.delete(key);
        }
        call.reply().integer(removed);             // :<n>\r\n
    }
}
