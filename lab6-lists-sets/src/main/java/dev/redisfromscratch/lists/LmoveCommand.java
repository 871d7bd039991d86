package dev.redisfromscratch.lists;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code LMOVE source destination LEFT|RIGHT LEFT|RIGHT} and {@code RPOPLPUSH source destination}
 * (LMOVE ... RIGHT LEFT): pops an element from an end of {@code source}, pushes it at an end of
 * {@code destination} (created if missing) and replies it, {@code $<len>\r\n<bytes>\r\n};
 * {@code $-1} if the source is missing. The same key twice rotates the list.
 *
 * <p>Errors, in Redis's order: {@code -ERR syntax error} (the ends, in any case), then
 * {@code -WRONGTYPE ...} for the source, then for the destination (see {@link ListOps#move}).
 *
 * <p>Propagation: as it is.
 *
 * <p>Redis: {@code t_list.c}, {@code lmoveCommand}, {@code rpoplpushCommand},
 * {@code lmoveGenericCommand}; arity 5 and 3.
 */
public final class LmoveCommand implements CommandHandler {
    private final SelectedDb db;
    private final EncodingLimits limits;
    private final boolean rpoplpush;

    private LmoveCommand(SelectedDb db, EncodingLimits limits, boolean rpoplpush) {
        this.db = db;
        this.limits = limits;
        this.rpoplpush = rpoplpush;
    }

    /** @return {@code lmove}: arity 5, write denyoom (so @slow), two keys (RW access delete; RW insert) */
    public static CommandSpec lmove(SelectedDb db, EncodingLimits limits) {
        return spec("lmove", 5, "Pop an element from a list, push it to another list and return it", "6.2.0",
                new LmoveCommand(db, limits, false));
    }

    /** @return {@code rpoplpush}: arity 3, write denyoom (so @slow), two keys (RW access delete; RW insert) */
    public static CommandSpec rpoplpush(SelectedDb db, EncodingLimits limits) {
        return spec("rpoplpush", 3, "Remove the last element in a list, prepend it to another list and return it",
                "1.2.0", new LmoveCommand(db, limits, true));
    }

    private static CommandSpec spec(String name, int arity, String summary, String since, LmoveCommand handler) {
        return CommandSpec.builder(name, arity)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                .docs(summary, since, "list", "O(1)")
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        ListEnd from = rpoplpush ? ListEnd.RIGHT : ListEnd.parse(call.arg(3));
        ListEnd to = rpoplpush ? ListEnd.LEFT : ListEnd.parse(call.arg(4));
        byte[] element = ListOps.move(db.of(call.client()), call.arg(1), from, call.arg(2), to, limits);
        if (element == null) {
            call.reply().nullBulk();               // $-1\r\n
        } else {
            call.reply().bulk(element);            // $<len>\r\n<bytes>\r\n
        }
    }
}
