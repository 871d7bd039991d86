package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code SMEMBERS key}: every member, {@code *<n>\r\n} then one bulk each, in the encoding's order
 * (an intset's ascending, a listpack's insertion order, a hash table's bucket order: a client
 * must not rely on any); {@code *0} for a missing key; {@code -WRONGTYPE ...}.
 *
 * <p>Redis: {@code t_set.c}, {@code smembersCommand} (7.0: {@code sinterGenericCommand} over one
 * set); arity 2.
 */
public final class SmembersCommand implements CommandHandler {
    private final SelectedDb db;

    private SmembersCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code smembers}, arity 2, readonly, one key (RO access) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("smembers", 2)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.SET)
                .tips("nondeterministic_output_order")
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Get all the members in a set", "1.0.0", "set", "O(N) where N is the set cardinality.")
                .handler(new SmembersCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        SetValue set = SetReplies.lookup(db.of(call.client()), call.arg(1));
        if (set == null) {
            call.reply().arrayHeader(0);     // *0\r\n
            return;
        }
        call.reply().arrayHeader(set.size()); // *<n>\r\n then n bulks
        set.forEach(member -> call.reply().bulk(member));
    }
}
