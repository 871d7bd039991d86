package dev.redisfromscratch.sets;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code SPOP key [count]}: removes random members and replies them.
 *
 * <ul>
 *   <li>Without a count: {@code $<len>\r\n<member>\r\n}, or {@code $-1} for a missing key.
 *       Propagated as {@code SREM key member}.</li>
 *   <li>With a count: {@code *<n>\r\n} then n distinct members ({@code *0} for a missing key or a
 *       count of 0). A count at least the set's size takes the whole set and deletes the key,
 *       propagated as {@code DEL key}; a smaller one is propagated as one {@code SREM key member}
 *       per member popped, which the pipeline wraps in {@code MULTI}/{@code EXEC} when there are
 *       several (what Redis 7.0.15 writes to its AOF; 7.2 batches them into SREMs of up to 1024
 *       members).</li>
 * </ul>
 * A set emptied is deleted. Errors: {@code -ERR value is out of range, must be positive} for a
 * count that is negative or not an integer (checked before the key);
 * {@code -ERR syntax error} for more arguments; {@code -WRONGTYPE ...}.
 *
 * <p>Redis: {@code t_set.c}, {@code spopCommand}, {@code spopWithCountCommand}; arity -2.
 */
public final class SpopCommand implements CommandHandler {
    /** The error for a count that is negative or not a number (Redis: {@code getPositiveLongFromObjectOrReply}). */
    static final String MUST_BE_POSITIVE = "ERR value is out of range, must be positive";
    private static final byte[] SREM = "SREM".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    private final SelectedDb db;
    private final CommandPipeline pipeline;

    private SpopCommand(SelectedDb db, CommandPipeline pipeline) {
        this.db = db;
        this.pipeline = pipeline;
    }

    /**
     * @param pipeline where the SREMs of {@code SPOP key count} are propagated
     * @return the table row: {@code spop}, arity -2, write fast, one key (RW access delete)
     */
    public static CommandSpec spec(SelectedDb db, CommandPipeline pipeline) {
        return CommandSpec.builder("spop", -2)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.SET)
                .tips("nondeterministic_output")
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .docs("Remove and return one or multiple random members from a set", "1.0.0", "set",
                        "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.")
                .handler(new SpopCommand(db, pipeline))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (call.argc() > 3) {
            call.reply().error(ErrorReplies.SYNTAX);
            return;
        }
        if (call.argc() == 3) {
            popWithCount(call);
            return;
        }
        DataStore store = db.of(call.client());
        byte[] key = call.arg(1);
        SetValue set = SetReplies.lookup(store, key);
        if (set == null) {
            call.reply().nullBulk();                        // $-1\r\n
            return;
        }
        byte[] member = set.popRandom(ThreadLocalRandom.current());
        call.propagateAs(List.of(SREM, key, member));
        call.reply().bulk(member);                          // $<len>\r\n<member>\r\n
        store.modified(1);
        if (set.size() == 0) {
            store.delete(key);
        }
    }

    private void popWithCount(CommandCall call) {
        OptionalLong parsed = IntegerArgument.parse(call.arg(2));
        if (parsed.isEmpty() || parsed.getAsLong() < 0) {
            call.reply().error(MUST_BE_POSITIVE);
            return;
        }
        long count = parsed.getAsLong();
        DataStore store = db.of(call.client());
        byte[] key = call.arg(1);
        SetValue set = SetReplies.lookup(store, key);
        if (set == null || count == 0) {
            call.reply().arrayHeader(0);                    // *0\r\n
            return;
        }
        if (count >= set.size()) {
            SetReplies.members(call, set.members());        // *<n>\r\n then n bulks
            store.delete(key);
            call.propagateAs(List.of(DEL, key));
            return;
        }
        List<byte[]> popped = new ArrayList<>((int) count);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long i = 0; i < count; i++) {
            popped.add(set.popRandom(random));
        }
        SetReplies.members(call, popped);                   // *<count>\r\n then count bulks
        int dbIndex = call.client().db();
        for (byte[] member : popped) {
            pipeline.alsoPropagate(dbIndex, List.of(SREM, key, member));
        }
        call.preventPropagation();
        store.modified(count);
    }
}
