package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.ExpiresIndex;
import dev.redisfromscratch.store.SelectedDb;
import java.util.ArrayList;
import java.util.List;

/**
 * Union and difference, with their STORE forms:
 *
 * <ul>
 *   <li>{@code SUNION key [key ...]}: {@code *<n>\r\n} then every member of any of the sets.</li>
 *   <li>{@code SDIFF key [key ...]}: the members of the first set that are in none of the others.</li>
 *   <li>{@code SUNIONSTORE} / {@code SDIFFSTORE destination key [key ...]}: store the result in
 *       {@code destination} (replacing it and its TTL, whatever its type) and reply {@code :<n>};
 *       an empty result deletes {@code destination} and replies {@code :0}.</li>
 * </ul>
 * A missing key is an empty set; a key of another type answers {@code -WRONGTYPE ...} (every key
 * is looked up first). The result is built as an intset and converted as members are added, as
 * Redis 7.2 builds it, so a stored result has the encoding its members call for.
 *
 * <p>Propagation: the STORE forms as sent, when they stored or deleted something.
 *
 * <p>Redis: {@code t_set.c}, {@code sunionDiffGenericCommand} (SDIFF's two algorithms give the
 * same members; this walks the first set and asks the others); arity -2 and -3.
 */
public final class SunionCommand implements CommandHandler {
    private final SelectedDb db;
    private final EncodingLimits limits;
    private final boolean union;
    private final boolean store;

    private SunionCommand(SelectedDb db, EncodingLimits limits, boolean union, boolean store) {
        this.db = db;
        this.limits = limits;
        this.union = union;
        this.store = store;
    }

    /** @return the table row: {@code sunion}, arity -2, readonly, keys to the end (RO access) */
    public static CommandSpec spec(SelectedDb db, EncodingLimits limits) {
        return readSpec("sunion", "Add multiple sets", db, limits, true);
    }

    /** @return the table row: {@code sdiff}, arity -2, readonly, keys to the end (RO access) */
    public static CommandSpec sdiffSpec(SelectedDb db, EncodingLimits limits) {
        return readSpec("sdiff", "Subtract multiple sets", db, limits, false);
    }

    /** @return the table row: {@code sunionstore}, arity -3, write denyoom, the destination (OW update) then the sources (RO access) */
    public static CommandSpec sunionstoreSpec(SelectedDb db, EncodingLimits limits) {
        return storeSpec("sunionstore", "Add multiple sets and store the resulting set in a key", db, limits, true);
    }

    /** @return the table row: {@code sdiffstore}, arity -3, write denyoom, the destination (OW update) then the sources (RO access) */
    public static CommandSpec sdiffstoreSpec(SelectedDb db, EncodingLimits limits) {
        return storeSpec("sdiffstore", "Subtract multiple sets and store the resulting set in a key", db, limits, false);
    }

    private static CommandSpec readSpec(String name, String summary, SelectedDb db, EncodingLimits limits, boolean union) {
        return CommandSpec.builder(name, -2)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.SET)
                .tips("nondeterministic_output_order")
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs(summary, "1.0.0", "set", "O(N) where N is the total number of elements in all given sets.")
                .handler(new SunionCommand(db, limits, union, false))
                .build();
    }

    private static CommandSpec storeSpec(String name, String summary, SelectedDb db, EncodingLimits limits, boolean union) {
        return CommandSpec.builder(name, -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.SET)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.UPDATE))
                .keys(KeySpec.range(2, -1, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs(summary, "1.0.0", "set", "O(N) where N is the total number of elements in all given sets.")
                .handler(new SunionCommand(db, limits, union, true))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore data = db.of(call.client());
        int first = store ? 2 : 1;
        List<SetValue> sets = new ArrayList<>();   // null for a missing key
        for (int i = first; i < call.argc(); i++) {
            sets.add(SetReplies.lookup(data, call.arg(i)));
        }
        SetValue result = new SetValue();
        if (union) {
            for (SetValue set : sets) {
                if (set != null) {
                    set.forEach(member -> result.add(member, limits));
                }
            }
        } else if (sets.get(0) != null) {
            SetValue head = sets.get(0);
            head.forEach(member -> {
                for (int j = 1; j < sets.size(); j++) {
                    SetValue other = sets.get(j);
                    if (other == head || (other != null && other.contains(member))) {
                        return;
                    }
                }
                result.add(member, limits);
            });
        }
        if (!store) {
            SetReplies.members(call, result.members());             // *<n>\r\n then n bulks
            return;
        }
        byte[] destination = call.arg(1);
        if (result.size() == 0) {
            data.delete(destination);
            call.reply().integer(0);                                 // :0\r\n
            return;
        }
        data.put(destination, result, ExpiresIndex.NO_EXPIRE);
        call.reply().integer(result.size());                         // :<n>\r\n
    }
}
