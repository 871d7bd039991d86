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
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.util.List;

/**
 * {@code LPOP key [count]} and {@code RPOP key [count]}.
 *
 * <ul>
 *   <li>Without a count: the element, {@code $<len>\r\n<bytes>\r\n}, or {@code $-1} for a missing
 *       key.</li>
 *   <li>With a count: {@code *<n>\r\n} then up to {@code count} bulks in the order popped (RPOP: the
 *       tail first); {@code *-1} for a missing key; {@code *0} for a count of 0 on a list.</li>
 * </ul>
 * A list emptied by the pop is deleted.
 *
 * <p>Errors, in Redis's order: more than one count ({@code -ERR wrong number of arguments for
 * 'lpop' command}); a count that is not an integer &ge; 0 ({@code -ERR value is out of range, must
 * be positive}); {@code -WRONGTYPE ...}.
 *
 * <p>Propagation: as it is.
 *
 * <p>Redis: {@code t_list.c}, {@code popGenericCommand}; arity -2.
 */
public final class PopCommand implements CommandHandler {
    private final SelectedDb db;
    private final ListEnd end;
    private final String name;

    private PopCommand(SelectedDb db, ListEnd end, String name) {
        this.db = db;
        this.end = end;
        this.name = name;
    }

    /** @return {@code lpop}: arity -2, write fast, one key (RW access delete) */
    public static CommandSpec lpop(SelectedDb db) {
        return spec("lpop", "Remove and get the first elements in a list", new PopCommand(db, ListEnd.LEFT, "lpop"));
    }

    /** @return {@code rpop}: arity -2, write fast, one key (RW access delete) */
    public static CommandSpec rpop(SelectedDb db) {
        return spec("rpop", "Remove and get the last elements in a list", new PopCommand(db, ListEnd.RIGHT, "rpop"));
    }

    private static CommandSpec spec(String name, String summary, PopCommand handler) {
        return CommandSpec.builder(name, -2)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.LIST)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .docs(summary, "1.0.0", "list", "O(N) where N is the number of elements returned")
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (call.argc() > 3) {
            throw new RedisError(ErrorReplies.wrongArity(name));
        }
        boolean hasCount = call.argc() == 3;
        long count = hasCount
                ? IntegerArgument.requireInRange(call, 2, 0, Long.MAX_VALUE, "value is out of range, must be positive")
                : 1;
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        if (store.lookup(key, ListValue.LIST) == null) { // WRONGTYPE if not a list
            if (hasCount) {
                call.reply().nullArray();          // *-1\r\n
            } else {
                call.reply().nullBulk();           // $-1\r\n
            }
            return;
        }
        if (!hasCount) {
            call.reply().bulk(ListOps.pop(store, key, end)); // $<len>\r\n<bytes>\r\n
            return;
        }
        if (count == 0) {
            call.reply().arrayHeader(0);           // *0\r\n
            return;
        }
        List<byte[]> popped = ListOps.pop(store, key, end, count);
        call.reply().arrayHeader(popped.size());   // *<n>\r\n then n bulks
        for (byte[] element : popped) {
            call.reply().bulk(element);
        }
    }
}
