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
 * {@code LRANGE key start stop}: the elements from index {@code start} to {@code stop}, both
 * included, {@code *<n>\r\n} then n bulks. Negative indexes count from the tail (-1 the last);
 * the range is clamped to the list; an empty range or a missing key gives {@code *0}.
 *
 * <p>Errors, in Redis's order: {@code -ERR value is not an integer or out of range} (start, then
 * stop), then {@code -WRONGTYPE ...}.
 *
 * <p>Redis: {@code t_list.c}, {@code lrangeCommand} and {@code addListRangeReply}; arity 4.
 */
public final class LrangeCommand implements CommandHandler {
    private final SelectedDb db;

    private LrangeCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return {@code lrange}: arity 4, readonly (so @slow), one key (RO access) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("lrange", 4)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Get a range of elements from a list", "1.0.0", "list",
                        "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end "
                                + "(HEAD or TAIL) for large lists; and N is the number of elements in the specified "
                                + "range.")
                .handler(new LrangeCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long start = IntegerArgument.require(call, 2);
        long stop = IntegerArgument.require(call, 3);
        ListValue list = (ListValue) db.of(call.client()).lookup(call.arg(1), ListValue.LIST);
        if (list == null) {
            call.reply().arrayHeader(0);            // *0\r\n
            return;
        }
        long[] range = normalize(start, stop, list.size());
        if (range == null) {
            call.reply().arrayHeader(0);
            return;
        }
        long[] left = {range[1]};
        call.reply().arrayHeader((int) range[1]);   // *<n>\r\n then n bulks
        list.walk(range[0], true, element -> {
            call.reply().bulk(element);
            return --left[0] > 0;
        });
    }

    /**
     * Turns LRANGE's {@code start} and {@code stop} (inclusive, negative from the tail) into a
     * range of a list of {@code length} elements, as Redis does: a negative index gets
     * {@code length} added; a start still below 0 becomes 0; the range is empty if the start is
     * after the stop or at or past the end; a stop past the end becomes the last index.
     *
     * <pre>
     *   length 5:  0 -1 -&gt; {0, 5}    -3 10 -&gt; {2, 3}    -100 1 -&gt; {0, 2}    3 1 -&gt; null    5 9 -&gt; null
     * </pre>
     *
     * @param length the list's length, &ge; 0
     * @return {@code {first index, number of elements}}, or {@code null} for an empty range
     */
    public static long[] normalize(long start, long stop, long length) {
        // BEGIN SOLUTION
        if (start < 0) {
            start = length + start;
        }
        if (stop < 0) {
            stop = length + stop;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > stop || start >= length) {
            return null;
        }
        if (stop >= length) {
            stop = length - 1;
        }
        return new long[] {start, stop - start + 1};
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 1: add length to negative indexes, clamp start to 0 and stop to length - 1, return null for an empty range, else {start, count}");
    }
}
