package dev.redisfromscratch.sets;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.glob.GlobPattern;
import dev.redisfromscratch.keys.ScanCommand;
import dev.redisfromscratch.keys.ScanOptions;
import dev.redisfromscratch.store.SelectedDb;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code SSCAN key cursor [MATCH pattern] [COUNT count]}: one step of an iteration over a set's
 * members, as {@code SCAN} iterates the keyspace.
 *
 * <pre>
 *   *2\r\n
 *   $&lt;len&gt;\r\n&lt;next cursor&gt;\r\n        0 when the iteration is over
 *   *&lt;n&gt;\r\n$&lt;len&gt;\r\n&lt;member&gt;\r\n ...
 * </pre>
 *
 * <p>A compact set (intset, listpack) is returned whole in one step with cursor 0, whatever the
 * cursor and COUNT, as Redis does: it is small, and it has no buckets to count in. A hash table is
 * walked with {@link dev.redisfromscratch.store.Dict#scan}'s reverse-binary cursor, whole buckets
 * until {@code count} members (10 by default) are gathered or {@code 10 × count} buckets visited;
 * the gathered members are then filtered by the pattern ({@link GlobPattern}). So a member present
 * throughout is returned at least once, maybe more.
 *
 * <p>Order of checks, as in Redis: the cursor ({@code -ERR invalid cursor}, {@link ScanCommand#parseCursor});
 * then the key: missing → {@code *2 $1 0 *0} (options unchecked), another type →
 * {@code -WRONGTYPE ...}; then the options: {@code -ERR value is not an integer or out of range}
 * for a COUNT that is not a number, {@code -ERR syntax error} for a COUNT below 1, an option
 * without its value, {@code TYPE} (SCAN's only) or anything else ({@link ScanOptions}, SCAN's
 * option reader).
 *
 * <p>Redis: {@code t_set.c}, {@code sscanCommand}; {@code db.c}, {@code scanGenericCommand}; arity -3.
 */
public final class SscanCommand implements CommandHandler {
    private final SelectedDb db;

    private SscanCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code sscan}, arity -3, readonly, one key (RO access) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("sscan", -3)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.SET)
                .tips("nondeterministic_output")
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Incrementally iterate Set elements", "2.8.0", "set",
                        "O(1) for every call. O(N) for a complete iteration, including enough command calls for the "
                                + "cursor to return back to 0. N is the number of elements inside the collection..")
                .handler(new SscanCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        OptionalLong parsed = ScanCommand.parseCursor(call.arg(2));
        if (parsed.isEmpty()) {
            call.reply().error(ScanOptions.INVALID_CURSOR);
            return;
        }
        SetValue set = SetReplies.lookup(db.of(call.client()), call.arg(1));
        if (set == null) {
            call.reply().arrayHeader(2).bulk("0").arrayHeader(0); // *2 $1 0 *0
            return;
        }
        ScanOptions options = ScanOptions.parseOrReply(call, 3, false);
        if (options == null) {
            return;
        }

        List<byte[]> gathered = new ArrayList<>();
        long cursor = parsed.getAsLong();
        if (set.isCompact()) {
            cursor = set.scan(cursor, gathered::add);
        } else {
            long maxIterations = options.maxIterations();
            do {
                cursor = set.scan(cursor, gathered::add);
            } while (cursor != 0 && maxIterations-- > 0 && gathered.size() < options.count());
        }
        List<byte[]> kept = new ArrayList<>(gathered.size());
        for (byte[] member : gathered) {
            if (options.matches(member)) {
                kept.add(member);
            }
        }
        call.reply().arrayHeader(2);                      // *2\r\n
        call.reply().bulk(Long.toString(cursor));         // $<len>\r\n<cursor>\r\n
        SetReplies.members(call, kept);                   // *<n>\r\n then n bulks
    }
}
