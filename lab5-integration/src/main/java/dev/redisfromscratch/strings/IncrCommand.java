package dev.redisfromscratch.strings;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * {@code INCR key}, {@code DECR key}, {@code INCRBY key increment}, {@code DECRBY key decrement}:
 * adds to the 64-bit integer stored as a string at {@code key} (a missing key counts as 0) and
 * replies the new value, {@code :<n>}. The key keeps its TTL. The four commands are one handler,
 * as in Redis they all end in {@code incrDecrCommand}.
 *
 * <p>The stored string must be a strict decimal integer ({@link Numbers#string2ll}: no spaces, no
 * {@code +}, no leading zeros, within 64 bits).
 *
 * <p>Errors, in Redis's order:
 * <ul>
 *   <li>INCRBY, DECRBY: {@code -ERR value is not an integer or out of range} for the argument;
 *   <li>DECRBY: {@code -ERR decrement would overflow} for {@code -9223372036854775808}, which
 *       cannot be negated;
 *   <li>{@code -WRONGTYPE ...} if the key holds another type;
 *   <li>{@code -ERR value is not an integer or out of range} for the stored string;
 *   <li>{@code -ERR increment or decrement would overflow} if the result leaves the 64-bit range
 *       (nothing is stored).
 * </ul>
 *
 * <p>Propagated as sent.
 *
 * <p>Redis: {@code t_string.c}, {@code incrCommand}, {@code decrCommand}, {@code incrbyCommand},
 * {@code decrbyCommand} → {@code incrDecrCommand}.
 */
public final class IncrCommand implements CommandHandler {
    private final SelectedDb db;
    /** The step of INCR (1) and DECR (-1); unused by INCRBY and DECRBY, which read theirs. */
    private final long fixedStep;
    /** Whether the step is the argument (INCRBY, DECRBY). */
    private final boolean byArgument;
    /** Whether the argument is subtracted (DECRBY). */
    private final boolean negate;

    private IncrCommand(SelectedDb db, long fixedStep, boolean byArgument, boolean negate) {
        this.db = db;
        this.fixedStep = fixedStep;
        this.byArgument = byArgument;
        this.negate = negate;
    }

    /** @return the table row of {@code INCR key}: arity 2, write denyoom fast, one key (RW access update) */
    public static CommandSpec spec(SelectedDb db) {
        return spec("incr", 2, "Increment the integer value of a key by one", new IncrCommand(db, 1, false, false));
    }

    /** @return the table row of {@code DECR key}: arity 2 */
    public static CommandSpec decrSpec(SelectedDb db) {
        return spec("decr", 2, "Decrement the integer value of a key by one", new IncrCommand(db, -1, false, false));
    }

    /** @return the table row of {@code INCRBY key increment}: arity 3 */
    public static CommandSpec incrbySpec(SelectedDb db) {
        return spec("incrby", 3, "Increment the integer value of a key by the given amount",
                new IncrCommand(db, 0, true, false));
    }

    /** @return the table row of {@code DECRBY key decrement}: arity 3 */
    public static CommandSpec decrbySpec(SelectedDb db) {
        return spec("decrby", 3, "Decrement the integer value of a key by the given number",
                new IncrCommand(db, 0, true, true));
    }

    private static CommandSpec spec(String name, int arity, String summary, IncrCommand handler) {
        return CommandSpec.builder(name, arity)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.UPDATE))
                .docs(summary, "1.0.0", "string", "O(1)")
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long step = fixedStep;
        if (byArgument) {
            OptionalLong arg = IntegerArgument.parseOrReply(call, 2);
            if (arg.isEmpty()) {
                return;
            }
            step = arg.getAsLong();
            if (negate) {
                if (step == Long.MIN_VALUE) {
                    call.reply().error("ERR decrement would overflow");
                    return;
                }
                step = -step;
            }
        }
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        byte[] old = store.get(key); // WRONGTYPE if not a string
        long value = 0;
        if (old != null) {
            OptionalLong parsed = IntegerArgument.parse(old);
            if (parsed.isEmpty()) {
                call.reply().error(ErrorReplies.NOT_AN_INTEGER);
                return;
            }
            value = parsed.getAsLong();
        }
        if ((step < 0 && value < 0 && step < Long.MIN_VALUE - value)
                || (step > 0 && value > 0 && step > Long.MAX_VALUE - value)) {
            call.reply().error("ERR increment or decrement would overflow");
            return;
        }
        value += step;
        store.setKeepTtl(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        call.reply().integer(value); // :<n>\r\n
    }
}
