package dev.redisfromscratch.sets;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.ExpiresIndex;
import dev.redisfromscratch.store.SelectedDb;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The intersection commands, one algorithm ({@link #intersection}) for three replies:
 *
 * <ul>
 *   <li>{@code SINTER key [key ...]}: {@code *<n>\r\n} then the common members; {@code *0} if any
 *       key is missing.</li>
 *   <li>{@code SINTERSTORE destination key [key ...]}: stores the result in {@code destination}
 *       (replacing it and its TTL, whatever its type), replies {@code :<n>}; an empty result
 *       deletes {@code destination} and replies {@code :0}. The result is an intset if the smallest
 *       set is, else a listpack, converted as members are added, and made an intset at the end if
 *       every member is an integer and it is small enough (Redis 7.2's choice).</li>
 *   <li>{@code SINTERCARD numkeys key [key ...] [LIMIT limit]}: {@code :<n>}, the size of the
 *       intersection, counting stopping at {@code limit} (0: no limit).</li>
 * </ul>
 * Every key is looked up before anything is computed, so a key of another type answers
 * {@code -WRONGTYPE ...} even after a missing one. SINTERCARD's own errors, checked before the
 * keys: {@code -ERR numkeys should be greater than 0} (also for a numkeys that is not a number),
 * {@code -ERR Number of keys can't be greater than number of args}, {@code -ERR LIMIT can't be
 * negative} (also for a limit that is not a number), {@code -ERR syntax error} for anything else
 * after the keys.
 *
 * <p>Propagation: SINTERSTORE as sent, when it stored or deleted something.
 *
 * <p>Redis: {@code t_set.c}, {@code sinterGenericCommand}, {@code sinterCommand},
 * {@code sinterstoreCommand}, {@code sinterCardCommand}; arity -2, -3, -3.
 */
public final class SinterCommand implements CommandHandler {
    private enum Form { SINTER, SINTERSTORE, SINTERCARD }

    private final SelectedDb db;
    private final EncodingLimits limits;
    private final Form form;

    private SinterCommand(SelectedDb db, EncodingLimits limits, Form form) {
        this.db = db;
        this.limits = limits;
        this.form = form;
    }

    /** @return the table row: {@code sinter}, arity -2, readonly, keys to the end (RO access) */
    public static CommandSpec spec(SelectedDb db, EncodingLimits limits) {
        return CommandSpec.builder("sinter", -2)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.SET)
                .tips("nondeterministic_output_order")
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Intersect multiple sets", "1.0.0", "set",
                        "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
                .handler(new SinterCommand(db, limits, Form.SINTER))
                .build();
    }

    /** @return the table row: {@code sinterstore}, arity -3, write denyoom, the destination (RW update) then the sources (RO access) */
    public static CommandSpec sinterstoreSpec(SelectedDb db, EncodingLimits limits) {
        return CommandSpec.builder("sinterstore", -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.SET)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.UPDATE))
                .keys(KeySpec.range(2, -1, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Intersect multiple sets and store the resulting set in a key", "1.0.0", "set",
                        "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
                .handler(new SinterCommand(db, limits, Form.SINTERSTORE))
                .build();
    }

    /** @return the table row: {@code sintercard}, arity -3, readonly movablekeys, keynum keys (RO access) */
    public static CommandSpec sintercardSpec(SelectedDb db, EncodingLimits limits) {
        return CommandSpec.builder("sintercard", -3)
                .flags(CommandFlag.READONLY, CommandFlag.MOVABLEKEYS)
                .acl(AclCategory.SET)
                .keys(KeySpec.keynum(1, 0, 1, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Intersect multiple sets and return the cardinality of the result", "7.0.0", "set",
                        "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
                .handler(new SinterCommand(db, limits, Form.SINTERCARD))
                .build();
    }

    /**
     * The members common to every set in {@code sets}, found as Redis finds them: order the sets
     * from the smallest to the largest, walk the smallest, and keep a member only if every other
     * set contains it (a set that appears twice need not be asked twice). The work is
     * O(size of the smallest × number of sets), whatever the size of the others.
     *
     * <p>Redis: {@code t_set.c}, {@code sinterGenericCommand} ({@code qsortCompareSetsByCardinality}).
     *
     * @param sets the sets, at least one, none empty, in any order, possibly the same set twice;
     *     not changed, and this list itself is not reordered
     * @param limit stop once this many common members have been found; 0 for no limit
     * @return the common members, in the order the smallest set yields them ({@link SetValue#forEach})
     */
    public static List<byte[]> intersection(List<SetValue> sets, long limit) {
        // BEGIN SOLUTION
        List<SetValue> bySize = new ArrayList<>(sets);
        bySize.sort(Comparator.comparingInt(SetValue::size));
        SetValue smallest = bySize.get(0);
        List<byte[]> common = new ArrayList<>();
        for (byte[] member : smallest.members()) {
            boolean everywhere = true;
            for (int j = 1; j < bySize.size() && everywhere; j++) {
                SetValue other = bySize.get(j);
                everywhere = other == smallest || other.contains(member);
            }
            if (everywhere) {
                common.add(member);
                if (limit > 0 && common.size() >= limit) {
                    break;
                }
            }
        }
        return common;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab6): stage 2: SinterCommand.intersection: sort by size, walk the smallest, keep what every other set contains");
    }

    @Override
    public void execute(CommandCall call) {
        int first = 1;
        int count = call.argc() - 1;
        long limit = 0;
        if (form == Form.SINTERSTORE) {
            first = 2;
            count = call.argc() - 2;
        } else if (form == Form.SINTERCARD) {
            OptionalLong numkeys = IntegerArgument.parse(call.arg(1));
            if (numkeys.isEmpty() || numkeys.getAsLong() < 1) {
                call.reply().error("ERR numkeys should be greater than 0");
                return;
            }
            if (numkeys.getAsLong() > call.argc() - 2) {
                call.reply().error("ERR Number of keys can't be greater than number of args");
                return;
            }
            first = 2;
            count = (int) numkeys.getAsLong();
            for (int j = first + count; j < call.argc(); j++) {
                boolean moreArgs = j + 1 < call.argc();
                if (moreArgs && call.option(j).equals("LIMIT")) {
                    OptionalLong l = IntegerArgument.parse(call.arg(++j));
                    if (l.isEmpty() || l.getAsLong() < 0) {
                        call.reply().error("ERR LIMIT can't be negative");
                        return;
                    }
                    limit = l.getAsLong();
                } else {
                    call.reply().error(ErrorReplies.SYNTAX);
                    return;
                }
            }
        }

        DataStore store = db.of(call.client());
        List<SetValue> sets = new ArrayList<>(count);
        boolean anyMissing = false;
        for (int i = first; i < first + count; i++) {
            SetValue set = SetReplies.lookup(store, call.arg(i)); // WRONGTYPE even after a missing key
            if (set == null) {
                anyMissing = true;
            } else {
                sets.add(set);
            }
        }
        List<byte[]> common = anyMissing ? List.of() : intersection(sets, limit);
        switch (form) {
            case SINTER -> SetReplies.members(call, common);       // *<n>\r\n then n bulks
            case SINTERCARD -> call.reply().integer(common.size()); // :<n>\r\n
            case SINTERSTORE -> store(call, store, sets, common, anyMissing);
        }
    }

    private void store(CommandCall call, DataStore store, List<SetValue> sets, List<byte[]> common, boolean anyMissing) {
        byte[] destination = call.arg(1);
        if (common.isEmpty()) {
            store.delete(destination);
            call.reply().integer(0);                               // :0\r\n
            return;
        }
        SetValue smallest = sets.stream().min(Comparator.comparingInt(SetValue::size)).orElseThrow();
        SetValue result = SetValue.INTSET.equals(smallest.encoding()) ? new SetValue() : SetValue.emptyListpack();
        boolean onlyIntegers = true;
        for (byte[] member : common) {
            result.add(member, limits);
            onlyIntegers &= SetValue.isInteger(member);
        }
        if (onlyIntegers) {
            result.maybeConvertToIntset(limits);
        }
        store.put(destination, result, ExpiresIndex.NO_EXPIRE);
        call.reply().integer(result.size());                       // :<n>\r\n
    }
}
