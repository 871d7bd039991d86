package dev.redisfromscratch.lists;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code LINDEX key index}: the element at {@code index} (negative from the tail),
 * {@code $<len>\r\n<bytes>\r\n}; {@code $-1} if out of range or the key is missing.
 *
 * <p>Errors, in Redis's order: {@code -WRONGTYPE ...}, then {@code -ERR value is not an integer or
 * out of range} (a missing key answers {@code $-1} whatever the index).
 *
 * <p>Redis: {@code t_list.c}, {@code lindexCommand}; arity 3.
 */
public final class LindexCommand implements CommandHandler {
    private final SelectedDb db;

    private LindexCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return {@code lindex}: arity 3, readonly (so @slow), one key (RO access) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("lindex", 3)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Get an element from a list by its index", "1.0.0", "list",
                        "O(N) where N is the number of elements to traverse to get to the element at index. This "
                                + "makes asking for the first or the last element of the list O(1).")
                .handler(new LindexCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        ListValue list = (ListValue) db.of(call.client()).lookup(call.arg(1), ListValue.LIST);
        if (list == null) {
            call.reply().nullBulk();               // $-1\r\n
            return;
        }
        byte[] element = list.get(IntegerArgument.require(call, 2));
        if (element == null) {
            call.reply().nullBulk();
        } else {
            call.reply().bulk(element);            // $<len>\r\n<bytes>\r\n
        }
    }
}
