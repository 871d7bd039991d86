package dev.redisfromscratch.blocking;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.lists.ListEnd;
import dev.redisfromscratch.lists.ListOps;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]}: pops up to {@code count}
 * elements (1 by default) from one end of the first key that holds a list; if none does, blocks
 * until another client pushes onto one of them, or until the timeout.
 *
 * <pre>
 *   numkeys not an integer, or &lt; 1     -ERR numkeys should be greater than 0
 *   fewer keys than numkeys, no end,
 *     an end misspelt, COUNT twice or
 *     without its value, anything more  -ERR syntax error
 *   count not an integer, or &lt; 1       -ERR count should be greater than 0
 *   bad timeout (checked last)          -ERR timeout is not a float or out of range / timeout is negative
 *   a key before any list holds
 *     another type                      -WRONGTYPE ...
 *   a list found                        *2\r\n $key *n\r\n then n bulks   propagated as LPOP key n / RPOP key n
 *   none, inside MULTI (EXEC)           *-1 at once
 *   none                                blocked: later the same reply, or *-1 on timeout
 * </pre>
 *
 * <p>Redis: {@code t_list.c}, {@code blmpopCommand}, {@code lmpopGenericCommand},
 * {@code blockingPopGenericCommand}; arity -5.
 */
public final class BlockingMultiPopCommand implements CommandHandler {
    /** numkeys not a positive integer. */
    public static final String NUMKEYS = "ERR numkeys should be greater than 0";
    /** COUNT not a positive integer. */
    public static final String COUNT = "ERR count should be greater than 0";

    private final SelectedDb db;
    private final BlockedClients blocked;
    private final Clock clock;

    private BlockingMultiPopCommand(SelectedDb db, BlockedClients blocked, Clock clock) {
        this.db = db;
        this.blocked = blocked;
        this.clock = clock;
    }

    /**
     * @return the row of {@code blmpop}: arity -5, write blocking movablekeys, keys by numkeys
     *     (index 2, keynumidx 0, firstkey 1: RW access delete)
     */
    public static CommandSpec spec(SelectedDb db, BlockedClients blocked, Clock clock) {
        return CommandSpec.builder("blmpop", -5)
                .flags(CommandFlag.WRITE, CommandFlag.BLOCKING, CommandFlag.MOVABLEKEYS)
                .acl(AclCategory.LIST)
                .keys(KeySpec.keynum(2, 0, 1, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .docs("Pop elements from a list, or block until one is available", "7.0.0", "list",
                        "O(N+M) where N is the number of provided keys and M is the number of elements returned.")
                .handler(new BlockingMultiPopCommand(db, blocked, clock))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long numkeys = positive(call.arg(2), NUMKEYS);
        if (numkeys >= call.argc() - 3) {
            throw new RedisError(ErrorReplies.SYNTAX); // no room for the keys and the end
        }
        long endIndex = 3 + numkeys;
        ListEnd end = ListEnd.parse(call.arg((int) endIndex));
        long count = -1;
        for (int i = (int) endIndex + 1; i < call.argc(); i++) {
            boolean more = i < call.argc() - 1;
            if (count == -1 && more && call.option(i).equals("COUNT")) {
                count = positive(call.arg(++i), COUNT);
            } else {
                throw new RedisError(ErrorReplies.SYNTAX);
            }
        }
        if (count == -1) {
            count = 1;
        }
        long deadline = Timeout.deadline(call.arg(1), clock.millis());
        DataStore store = db.of(call.client());
        List<byte[]> keys = call.args().subList(3, (int) endIndex);
        for (byte[] key : keys) {
            List<byte[]> elements = ListOps.pop(store, key, end, count); // WRONGTYPE; null if missing
            if (elements == null) {
                continue;
            }
            BlockedPop.MultiPop.reply(call.reply(), key, elements); // *2\r\n $key *n\r\n ...
            call.propagateAs(List.of(ascii(end == ListEnd.LEFT ? "LPOP" : "RPOP"), key,
                    ascii(Integer.toString(elements.size()))));
            return;
        }
        if (call.client().has(ClientFlag.MULTI)) {
            call.reply().nullArray(); // *-1\r\n: inside EXEC no command may block
            return;
        }
        blocked.block(call.client(), keys, deadline, new BlockedPop.MultiPop(end, count));
    }

    /** An integer from 1 to {@code Long.MAX_VALUE}, or {@code error} (Redis's {@code getRangeLongFromObjectOrReply}). */
    private static long positive(byte[] argument, String error) {
        OptionalLong n = IntegerArgument.parse(argument);
        if (n.isEmpty() || n.getAsLong() < 1) {
            throw new RedisError(error);
        }
        return n.getAsLong();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
