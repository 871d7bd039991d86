package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code INCRBYFLOAT key increment}: adds a floating-point {@code increment} to the number stored as
 * a string at {@code key} (a missing key counts as 0), stores the sum as text and replies it as a
 * bulk string, {@code $<len>\r\n<text>\r\n}. The key keeps its TTL.
 *
 * <p>The arithmetic is a C {@code long double}'s and the text is Redis's: at most 17 decimals, no
 * trailing zeros, no exponent ({@code 10.5} + {@code 0.1} is {@code 10.6}; {@code 3.0e3} is
 * {@code 3000}); see {@link LongDouble}.
 *
 * <p>Errors, in Redis's order: {@code -WRONGTYPE ...}; {@code -ERR value is not a valid float} for
 * the stored string, then for the increment; {@code -ERR increment would produce NaN or Infinity}
 * (nothing is stored).
 *
 * <p>Propagation: always as {@code SET key <text> KEEPTTL}, so that a replica or a replayed
 * append-only file stores exactly the same text, whatever its own float arithmetic.
 *
 * <p>Redis: {@code t_string.c}, {@code incrbyfloatCommand}; arity 3.
 */
public final class IncrbyfloatCommand implements CommandHandler {
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEPTTL = "KEEPTTL".getBytes(StandardCharsets.US_ASCII);
    private static final String NOT_A_FLOAT = "ERR value is not a valid float";

    private final SelectedDb db;

    private IncrbyfloatCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code incrbyfloat}, arity 3, write denyoom fast, one key (RW access update) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("incrbyfloat", 3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.UPDATE))
                .docs("Increment the float value of a key by the given amount", "2.6.0", "string", "O(1)")
                .handler(new IncrbyfloatCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        byte[] old = store.get(key); // WRONGTYPE if not a string
        LongDouble value = old == null ? LongDouble.ZERO : LongDouble.parse(old);
        if (value == null) {
            call.reply().error(NOT_A_FLOAT); // the stored string
            return;
        }
        LongDouble increment = LongDouble.parse(call.arg(2));
        if (increment == null) {
            call.reply().error(NOT_A_FLOAT); // the argument
            return;
        }
        LongDouble sum = value.add(increment);
        if (!sum.isFinite()) {
            call.reply().error("ERR increment would produce NaN or Infinity");
            return;
        }
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        store.setKeepTtl(key, text);
        call.reply().bulk(text); // $<len>\r\n<text>\r\n
        call.propagateAs(List.of(SET, key, text, KEEPTTL));
    }
}
