package dev.redisfromscratch.sets;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.store.SelectedDb;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code SRANDMEMBER key [count]}: random members, the set unchanged.
 *
 * <ul>
 *   <li>Without a count: {@code $<len>\r\n<member>\r\n}, or {@code $-1} for a missing key.</li>
 *   <li>A positive count: {@code *<n>\r\n} then {@code n = min(count, size)} distinct members.</li>
 *   <li>A negative count: {@code *<|count|>\r\n} then |count| members drawn independently, so
 *       members may repeat.</li>
 *   <li>{@code *0} for a missing key or a count of 0.</li>
 * </ul>
 * Errors: {@code -ERR value is not an integer or out of range};
 * {@code -ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807}
 * for {@code Long.MIN_VALUE}; {@code -ERR syntax error} for more arguments; {@code -WRONGTYPE ...}.
 *
 * <p>How distinct members are chosen, as Redis's cases: the whole set when the count covers it;
 * when the count is more than a third of the set, a copy of the set from which random members are
 * removed until {@code count} remain; otherwise random members drawn until {@code count} distinct
 * ones have come.
 *
 * <p>Redis: {@code t_set.c}, {@code srandmemberCommand}, {@code srandmemberWithCountCommand}
 * ({@code SRANDMEMBER_SUB_STRATEGY_MUL} 3); arity -2.
 */
public final class SrandmemberCommand implements CommandHandler {
    private static final String RANGE = "ERR value is out of range, value must between -9223372036854775807 and "
            + "9223372036854775807";

    private final SelectedDb db;

    private SrandmemberCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code srandmember}, arity -2, readonly, one key (RO access) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("srandmember", -2)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.SET)
                .tips("nondeterministic_output")
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Get one or multiple random members from a set", "1.0.0", "set",
                        "Without the count argument O(1), otherwise O(N) where N is the absolute value of the "
                                + "passed count.")
                .handler(new SrandmemberCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (call.argc() > 3) {
            call.reply().error(ErrorReplies.SYNTAX);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (call.argc() == 2) {
            SetValue set = SetReplies.lookup(db.of(call.client()), call.arg(1));
            if (set == null) {
                call.reply().nullBulk();                    // $-1\r\n
            } else {
                call.reply().bulk(set.randomMember(random)); // $<len>\r\n<member>\r\n
            }
            return;
        }
        OptionalLong parsed = IntegerArgument.parseOrReply(call, 2);
        if (parsed.isEmpty()) {
            return;
        }
        if (parsed.getAsLong() == Long.MIN_VALUE) {
            call.reply().error(RANGE);
            return;
        }
        long l = parsed.getAsLong();
        SetValue set = SetReplies.lookup(db.of(call.client()), call.arg(1));
        if (set == null || l == 0) {
            call.reply().arrayHeader(0);                    // *0\r\n
            return;
        }
        if (l < 0) {
            long count = -l;
            call.reply().arrayHeader((int) Math.min(count, Integer.MAX_VALUE)); // *<count>\r\n, repeats allowed
            for (long i = 0; i < count; i++) {
                call.reply().bulk(set.randomMember(random));
            }
            return;
        }
        int size = set.size();
        if (l >= size) {
            SetReplies.members(call, set.members());        // the whole set
            return;
        }
        int count = (int) l;
        List<byte[]> chosen;
        if ((long) count * 3 > size) {
            // remove random members from a copy until count remain
            List<byte[]> all = set.members();
            while (all.size() > count) {
                int i = random.nextInt(all.size());
                Collections.swap(all, i, all.size() - 1);
                all.remove(all.size() - 1);
            }
            chosen = all;
        } else {
            // draw until count distinct members have come
            chosen = new ArrayList<>(count);
            Set<Key> distinct = new HashSet<>();
            while (chosen.size() < count) {
                byte[] member = set.randomMember(random);
                if (distinct.add(new Key(member))) {
                    chosen.add(member);
                }
            }
        }
        SetReplies.members(call, chosen);                   // *<count>\r\n then count distinct bulks
    }
}
