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
 * {@code LTRIM key start stop}: keeps only the elements from {@code start} to {@code stop}
 * (inclusive, negative from the tail, clamped as LRANGE clamps them:
 * {@link LrangeCommand#normalize}), {@code +OK}. An empty range
 * empties the list, which deletes the key; a missing key answers {@code +OK}.
 *
 * <p>Errors, in Redis's order: {@code -ERR value is not an integer or out of range} (start, then
 * stop), then {@code -WRONGTYPE ...}.
 *
 * <p>Propagation: as it is, when something was deleted.
 *
 * <p>Redis: {@code t_list.c}, {@code ltrimCommand}; arity 4.
 */
public final class LtrimCommand implements CommandHandler {
    private final SelectedDb db;

    private LtrimCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return {@code ltrim}: arity 4, write (so @slow), one key (RW delete) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("ltrim", 4)
                .flags(CommandFlag.WRITE)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.DELETE))
                .docs("Trim a list to the specified range", "1.0.0", "list",
                        "O(N) where N is the number of elements to be removed by the operation.")
                .handler(new LtrimCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long start = IntegerArgument.require(call, 2);
        long stop = IntegerArgument.require(call, 3);
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        ListValue list = (ListValue) store.lookup(key, ListValue.LIST);
        if (list == null) {
            call.reply().simpleString("OK");       // +OK\r\n
            return;
        }
        long length = list.size();
        long[] range = LrangeCommand.normalize(start, stop, length); // {first, count}, or null if none kept
        long fromHead = range == null ? length : range[0];
        long fromTail = range == null ? 0 : length - range[0] - range[1];
        list.deleteRange(0, fromHead);
        list.deleteRange(-fromTail, fromTail);
        store.modified(fromHead + fromTail);
        if (list.size() == 0) {
            store.delete(key);
        }
        call.reply().simpleString("OK");
    }
}
