package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code SADD key member [member ...]}: adds the members, replies {@code :<n>}, the number that
 * were not already members. A missing key is created, in the encoding its first member and the
 * number of members call for ({@link SetValue#create}); an existing set is converted first if the
 * members about to be added would take it past its encoding's limit anyway
 * ({@link SetValue#maybeConvert}). {@code -WRONGTYPE ...} if the key holds another type.
 *
 * <p>Propagation: as sent, when something was added.
 *
 * <p>Redis: {@code t_set.c}, {@code saddCommand}; arity -3.
 */
public final class SaddCommand implements CommandHandler {
    private final SelectedDb db;
    private final EncodingLimits limits;

    private SaddCommand(SelectedDb db, EncodingLimits limits) {
        this.db = db;
        this.limits = limits;
    }

    /** @return the table row: {@code sadd}, arity -3, write denyoom fast, one key (RW insert) */
    public static CommandSpec spec(SelectedDb db, EncodingLimits limits) {
        return CommandSpec.builder("sadd", -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                .acl(AclCategory.SET)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                .docs("Add one or more members to a set", "1.0.0", "set",
                        "O(1) for each element added, so O(N) to add N elements when the command is called with "
                                + "multiple arguments.")
                .handler(new SaddCommand(db, limits))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client());
        byte[] key = call.arg(1);
        int count = call.argc() - 2;
        SetValue set = SetReplies.lookup(store, key);
        boolean created = set == null;
        if (created) {
            set = SetValue.create(call.arg(2), count, limits);
        } else {
            set.maybeConvert(count, limits);
        }
        int added = 0;
        for (int i = 2; i < call.argc(); i++) {
            if (set.add(call.arg(i), limits)) {
                added++;
            }
        }
        if (created) {
            store.put(key, set);             // counts one change
            store.modified(added - 1);
        } else {
            store.modified(added);
        }
        call.reply().integer(added);         // :<n>\r\n
    }
}
