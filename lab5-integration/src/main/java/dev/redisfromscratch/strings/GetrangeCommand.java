package dev.redisfromscratch.strings;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * {@code GETRANGE key start end}: the bytes of the string from {@code start} to {@code end}, both
 * included, as a bulk string {@code $<len>\r\n<bytes>\r\n}.
 *
 * <p>Negative offsets count from the end ({@code -1} is the last byte). Offsets are then clamped to
 * the string: a start before it becomes 0, an end past it the last byte. An empty range, a missing
 * key or an empty string give the empty bulk string {@code $0\r\n\r\n}; so does a range with both
 * ends negative and the start after the end, before any clamping ({@code GETRANGE k -1 -5}).
 *
 * <p>Errors, in Redis's order: {@code -ERR value is not an integer or out of range} (start, then
 * end), then {@code -WRONGTYPE ...}.
 *
 * <p>Redis: {@code t_string.c}, {@code getrangeCommand}; arity 4.
 */
public final class GetrangeCommand implements CommandHandler {
    private static final byte[] EMPTY_BULK = {'$', '0', '\r', '\n', '\r', '\n'};

    private final SelectedDb db;

    private GetrangeCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code getrange}, arity 4, readonly (so @slow), one key (RO access) */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("getrange", 4)
                .flags(CommandFlag.READONLY)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .docs("Get a substring of the string stored at a key", "2.4.0", "string",
                        "O(N) where N is the length of the returned string. The complexity is ultimately determined "
                                + "by the returned length, but because creating a substring from an existing string is "
                                + "very cheap, it can be considered O(1) for small strings.")
                .handler(new GetrangeCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        OptionalLong startArg = IntegerArgument.parseOrReply(call, 2);
        if (startArg.isEmpty()) {
            return;
        }
        OptionalLong endArg = IntegerArgument.parseOrReply(call, 3);
        if (endArg.isEmpty()) {
            return;
        }
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] value = store.get(call.arg(1));
        if (value == null) {
            call.reply().raw(EMPTY_BULK);           // $0\r\n\r\n
            return;
        }
        long start = startArg.getAsLong();
        long end = endArg.getAsLong();
        long length = value.length;
        if (start < 0 && end < 0 && start > end) {
            call.reply().raw(EMPTY_BULK);
            return;
        }
        if (start < 0) {
            start = Math.max(0, length + start);
        }
        if (end < 0) {
            end = Math.max(0, length + end);
        }
        end = Math.min(end, length - 1);
        if (start > end || length == 0) {
            call.reply().raw(EMPTY_BULK);
        } else {
            call.reply().bulk(Arrays.copyOfRange(value, (int) start, (int) end + 1)); // $<len>\r\n<bytes>\r\n
        }
    }
}
