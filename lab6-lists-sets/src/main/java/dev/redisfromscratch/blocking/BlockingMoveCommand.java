package dev.redisfromscratch.blocking;

import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListEnd;
import dev.redisfromscratch.lists.ListOps;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.time.Clock;
import java.util.List;

/**
 * {@code BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout} and
 * {@code BRPOPLPUSH source destination timeout} (BLMOVE's RIGHT LEFT): moves one element from one
 * end of {@code source} to one end of {@code destination} and answers it; if {@code source} holds
 * no list, blocks until another client pushes onto it, or until the timeout.
 *
 * <pre>
 *   LEFT|RIGHT misspelt              -ERR syntax error (before the timeout is read)
 *   bad timeout                      -ERR timeout is not a float or out of range / timeout is negative
 *   source holds another type        -WRONGTYPE ...
 *   source holds a list:
 *     destination of another type    -WRONGTYPE ..., nothing moved
 *     otherwise                      $element      propagated as LMOVE source destination (as sent)
 *                                                  or RPOPLPUSH source destination
 *   no list, inside MULTI (EXEC)     $-1 at once (not *-1: Redis answers a null bulk here)
 *   no list                          blocked: later $element, -WRONGTYPE if the destination then
 *                                    holds another type, or *-1 on timeout
 * </pre>
 *
 * <p>A served {@code BLMOVE} that creates its destination may serve the clients blocked on it in
 * turn, in the same step.
 *
 * <p>Redis: {@code t_list.c}, {@code blmoveCommand}, {@code brpoplpushCommand},
 * {@code blmoveGenericCommand}, {@code lmoveGenericCommand}; arity 6 and 4.
 */
public final class BlockingMoveCommand implements CommandHandler {
    private final SelectedDb db;
    private final BlockedClients blocked;
    private final Clock clock;
    private final EncodingLimits limits;
    private final boolean rpoplpush;

    private BlockingMoveCommand(SelectedDb db, BlockedClients blocked, Clock clock, EncodingLimits limits,
                                boolean rpoplpush) {
        this.db = db;
        this.blocked = blocked;
        this.clock = clock;
        this.limits = limits;
        this.rpoplpush = rpoplpush;
    }

    /** @return the row of {@code blmove}: arity 6, write denyoom noscript blocking, keys 1 (RW access delete) and 2 (RW insert) */
    public static CommandSpec blmoveSpec(SelectedDb db, BlockedClients blocked, Clock clock, EncodingLimits limits) {
        return spec("blmove", 6, "6.2.0", new BlockingMoveCommand(db, blocked, clock, limits, false));
    }

    /** @return the row of {@code brpoplpush}: arity 4, otherwise as {@code blmove}'s */
    public static CommandSpec brpoplpushSpec(SelectedDb db, BlockedClients blocked, Clock clock, EncodingLimits limits) {
        return spec("brpoplpush", 4, "2.2.0", new BlockingMoveCommand(db, blocked, clock, limits, true));
    }

    private static CommandSpec spec(String name, int arity, String since, CommandHandler handler) {
        return CommandSpec.builder(name, arity)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.NOSCRIPT, CommandFlag.BLOCKING)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                .docs("Pop an element from a list, push it to another list and return it; or block until one is available",
                        since, "list", "O(1)")
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        ListEnd from = ListEnd.RIGHT;
        ListEnd to = ListEnd.LEFT;
        if (!rpoplpush) {
            from = ListEnd.parse(call.arg(3)); // -ERR syntax error
            to = ListEnd.parse(call.arg(4));
        }
        long deadline = Timeout.deadline(call.arg(call.argc() - 1), clock.millis());
        DataStore store = db.of(call.client());
        byte[] source = call.arg(1);
        byte[] destination = call.arg(2);
        byte[] element = ListOps.move(store, source, from, destination, to, limits); // WRONGTYPE; null if missing
        if (element != null) {
            call.reply().bulk(element); // $<len>\r\n<element>\r\n
            call.propagateAs(rpoplpush
                    ? List.of(BlockingPopCommand.ascii("RPOPLPUSH"), source, destination)
                    : List.of(BlockingPopCommand.ascii("LMOVE"), source, destination, call.arg(3), call.arg(4)));
            return;
        }
        if (call.client().has(ClientFlag.MULTI)) {
            call.reply().nullBulk(); // $-1\r\n: inside EXEC no command may block
            return;
        }
        blocked.block(call.client(), List.of(source), deadline,
                new BlockedPop.Move(destination, from, to, rpoplpush, limits));
    }
}
