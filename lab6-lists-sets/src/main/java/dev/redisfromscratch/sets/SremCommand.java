package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code SREM key member [member ...]}: removes the members, replies {@code :<n>}, the number that
 * were members ({@code :0} for a missing key). A set emptied by it is deleted. The encoding does
 * not change. {@code -WRONGTYPE ...} if the key holds another type.
 *
 * <p>Propagation: as sent, when something was removed.
 *
 * <p>Redis: {@code t_set.c}, {@code sremCommand}; arity -3.
 */
public final class SremCommand implements CommandHandler {
    private final SelectedDb db;

    private SremCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code srem}, arity -3, write fast, one key (RW delete) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("srem", -3)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.SET)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.DELETE))
                .docs("Remove one or more members from a set", "1.0.0", "set",
                        "O(N) where N is the number of members to be removed.")
                .handler(new SremCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client());
        byte[] key = call.arg(1);
        SetValue set = SetReplies.lookup(store, key);
        if (set == null) {
            call.reply().integer(0);         // :0\r\n
            return;
        }
        int removed = 0;
        for (int i = 2; i < call.argc(); i++) {
            if (set.remove(call.arg(i))) {
                removed++;
                if (set.size() == 0) {
                    break;
                }
            }
        }
        store.modified(removed);
        if (set.size() == 0) {
            store.delete(key);
        }
        call.reply().integer(removed);       // :<n>\r\n
    }
}
