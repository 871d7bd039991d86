package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code SISMEMBER key member}: {@code :1} if it is a member, {@code :0} if not or if the key is
 * missing. {@code SMISMEMBER key member [member ...]}: {@code *<n>\r\n} then one {@code :1}/{@code :0}
 * per member, zeros for a missing key. Both answer {@code -WRONGTYPE ...} for another type.
 *
 * <p>Redis: {@code t_set.c}, {@code sismemberCommand}, {@code smismemberCommand}; arity 3 and -3.
 */
public final class SismemberCommand implements CommandHandler {
    private final SelectedDb db;
    private final boolean multi;

    private SismemberCommand(SelectedDb db, boolean multi) {
        this.db = db;
        this.multi = multi;
    }

    /** @return the table row: {@code sismember}, arity 3, readonly fast, one key (RO) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("sismember", 3)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.SET)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO))
                .docs("Determine if a given value is a member of a set", "1.0.0", "set", "O(1)")
                .handler(new SismemberCommand(db, false))
                .build();
    }

    /** @return the table row: {@code smismember}, arity -3, readonly fast, one key (RO access) */
    public static CommandSpec smismemberSpec(SelectedDb db) {
        return CommandSpec.builder("smismember", -3)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.SET)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Returns the membership associated with the given elements for a set", "6.2.0", "set",
                        "O(N) where N is the number of elements being checked for membership")
                .handler(new SismemberCommand(db, true))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        SetValue set = SetReplies.lookup(db.of(call.client()), call.arg(1));
        if (multi) {
            call.reply().arrayHeader(call.argc() - 2); // *<n>\r\n then n integers
        }
        for (int i = 2; i < call.argc(); i++) {
            call.reply().integer(set != null && set.contains(call.arg(i)) ? 1 : 0); // :1 or :0
        }
    }
}
