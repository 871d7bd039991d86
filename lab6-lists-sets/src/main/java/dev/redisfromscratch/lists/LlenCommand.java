package dev.redisfromscratch.lists;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code LLEN key}: the list's length, {@code :<n>\r\n}; {@code :0} for a missing key;
 * {@code -WRONGTYPE ...} for another type.
 *
 * <p>Redis: {@code t_list.c}, {@code llenCommand}; arity 2.
 */
public final class LlenCommand implements CommandHandler {
    private final SelectedDb db;

    private LlenCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return {@code llen}: arity 2, readonly fast, one key (RO) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("llen", 2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO))
                .docs("Get the length of a list", "1.0.0", "list", "O(1)")
                .handler(new LlenCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        ListValue list = (ListValue) db.of(call.client()).lookup(call.arg(1), ListValue.LIST);
        call.reply().integer(list == null ? 0 : list.size()); // :<n>\r\n
    }
}
