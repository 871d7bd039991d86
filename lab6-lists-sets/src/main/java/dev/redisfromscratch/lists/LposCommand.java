package dev.redisfromscratch.lists;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.store.SelectedDb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]}: the index of matching
 * elements.
 *
 * <ul>
 *   <li>{@code RANK r}: skip the first {@code r - 1} matches; a negative rank searches from the
 *       tail (indexes are still counted from the head).</li>
 *   <li>{@code COUNT n}: reply an array of up to n indexes ({@code 0}: all of them),
 *       {@code *<n>\r\n} then n integers; {@code *0} if none or the key is missing. Without COUNT:
 *       one integer, or {@code $-1}.</li>
 *   <li>{@code MAXLEN m}: compare only the first m elements searched ({@code 0}: all).</li>
 * </ul>
 *
 * <p>Errors, checked option by option in order, before the key: {@code -ERR value is not an integer
 * or out of range} (RANK); {@code -ERR RANK can't be zero: use 1 to start from the first match, 2
 * from the second ... or use negative to start from the end of the list}; {@code -ERR COUNT can't
 * be negative}; {@code -ERR MAXLEN can't be negative} (also for a non-number); {@code -ERR syntax
 * error} (an unknown option or one without its value); then {@code -WRONGTYPE ...}.
 *
 * <p>Redis: {@code t_list.c}, {@code lposCommand}; arity -3.
 */
public final class LposCommand implements CommandHandler {
    private final SelectedDb db;

    private LposCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return {@code lpos}: arity -3, readonly (so @slow), one key (RO access) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("lpos", -3)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Return the index of matching elements on a list", "6.0.6", "list",
                        "O(N) where N is the number of elements in the list, for the average case. When searching "
                                + "for elements near the head or the tail of the list, or when the MAXLEN option is "
                                + "provided, the command may run in constant time.")
                .handler(new LposCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long rank = 1;
        long count = -1; // -1: no COUNT option
        long maxlen = 0;
        for (int j = 3; j < call.argc(); j++) {
            String option = call.argString(j);
            boolean moreArgs = j + 1 < call.argc();
            if (option.equalsIgnoreCase("rank") && moreArgs) {
                rank = IntegerArgument.require(call, ++j);
                if (rank == 0) {
                    throw new RedisError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                            + "second ... or use negative to start from the end of the list");
                }
            } else if (option.equalsIgnoreCase("count") && moreArgs) {
                count = IntegerArgument.requireInRange(call, ++j, 0, Long.MAX_VALUE, "COUNT can't be negative");
            } else if (option.equalsIgnoreCase("maxlen") && moreArgs) {
                maxlen = IntegerArgument.requireInRange(call, ++j, 0, Long.MAX_VALUE, "MAXLEN can't be negative");
            } else {
                throw new RedisError(ErrorReplies.SYNTAX);
            }
        }
        boolean forward = true;
        if (rank < 0) {
            rank = -rank; // Long.MIN_VALUE stays negative, as in Redis: every match then counts
            forward = false;
        }
        ListValue list = (ListValue) db.of(call.client()).lookup(call.arg(1), ListValue.LIST);
        if (list == null) {
            if (count != -1) {
                call.reply().arrayHeader(0);       // *0\r\n
            } else {
                call.reply().nullBulk();           // $-1\r\n
            }
            return;
        }
        byte[] element = call.arg(2);
        long length = list.size();
        long wantedRank = rank;
        long wantedCount = count;
        long limit = maxlen;
        boolean fromHead = forward;
        List<Long> found = new ArrayList<>();
        long[] seen = {0, 0}; // elements compared, matches
        list.walk(forward ? 0 : -1, forward, candidate -> {
            if (limit != 0 && seen[0] >= limit) {
                return false;
            }
            long index = seen[0]++;
            if (Arrays.equals(candidate, element)) {
                long matches = ++seen[1];
                if (matches >= wantedRank) {
                    found.add(fromHead ? index : length - index - 1);
                    if (wantedCount == -1) {
                        return false; // one index wanted
                    }
                    return wantedCount == 0 || matches - wantedRank + 1 < wantedCount;
                }
            }
            return true;
        });
        if (count != -1) {
            call.reply().arrayHeader(found.size()); // *<n>\r\n then n integers
            for (long index : found) {
                call.reply().integer(index);
            }
        } else if (found.isEmpty()) {
            call.reply().nullBulk();
        } else {
            call.reply().integer(found.get(0));     // :<index>\r\n
        }
    }
}
