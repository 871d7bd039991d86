package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code SCARD key}: {@code :<n>}, the number of members ({@code :0} for a missing key);
 * {@code -WRONGTYPE ...}.
 *
 * <p>Redis: {@code t_set.c}, {@code scardCommand}; arity 2.
 */
public final class ScardCommand implements CommandHandler {
    private final SelectedDb db;

    private ScardCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code scard}, arity 2, readonly fast, one key (RO) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("scard", 2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.SET)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO))
                .docs("Get the number of members in a set", "1.0.0", "set", "O(1)")
                .handler(new ScardCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        SetValue set = SetReplies.lookup(db.of(call.client()), call.arg(1));
        call.reply().integer(set == null ? 0 : set.size()); // :<n>\r\n
    }
}
