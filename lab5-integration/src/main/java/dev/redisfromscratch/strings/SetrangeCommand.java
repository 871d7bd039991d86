package dev.redisfromscratch.strings;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.util.OptionalLong;

/**
 * {@code SETRANGE key offset value}: overwrites the string at {@code key} from byte {@code offset}
 * with {@code value}, padding with zero bytes if the string was shorter, and replies the new length,
 * {@code :<n>}. A missing key is created (as zero bytes, then {@code value}). The key keeps its TTL.
 *
 * <p>An empty {@code value} changes nothing and replies the current length ({@code :0} for a
 * missing key, which is not created).
 *
 * <p>Errors, in Redis's order: {@code -ERR value is not an integer or out of range};
 * {@code -ERR offset is out of range} for a negative offset; {@code -WRONGTYPE ...};
 * {@code -ERR string exceeds maximum allowed size (proto-max-bulk-len)} if {@code offset} plus the
 * value's length exceeds {@code proto-max-bulk-len} (checked before anything is allocated).
 *
 * <p>Redis: {@code t_string.c}, {@code setrangeCommand}; arity 4.
 */
public final class SetrangeCommand implements CommandHandler {
    private final SelectedDb db;
    private final ServerConfig config;

    private SetrangeCommand(SelectedDb db, ServerConfig config) {
        this.db = db;
        this.config = config;
    }

    /** @return the table row: {@code setrange}, arity 4, write denyoom (so @slow), one key (RW update) */
    public static CommandSpec spec(SelectedDb db, ServerConfig config) {
        return CommandSpec.builder("setrange", 4)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.UPDATE))
                .docs("Overwrite part of a string at key starting at the specified offset", "2.2.0", "string",
                        "O(1), not counting the time taken to copy the new string in place. Usually, this string is "
                                + "very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M "
                                + "being the length of the value argument.")
                .handler(new SetrangeCommand(db, config))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        OptionalLong offsetArg = IntegerArgument.parseOrReply(call, 2);
        if (offsetArg.isEmpty()) {
            return;
        }
        long offset = offsetArg.getAsLong();
        if (offset < 0) {
            call.reply().error("ERR offset is out of range");
            return;
        }
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        byte[] patch = call.arg(3);
        byte[] old = store.get(key); // WRONGTYPE if not a string
        if (patch.length == 0) {
            call.reply().integer(old == null ? 0 : old.length); // nothing to write: nothing changes
            return;
        }
        if (!StringLength.checkOrReply(call, config, offset, patch.length)) {
            return;
        }
        int oldLength = old == null ? 0 : old.length;
        byte[] value = new byte[(int) Math.max(oldLength, offset + patch.length)]; // new bytes are zeros
        if (old != null) {
            System.arraycopy(old, 0, value, 0, oldLength);
        }
        System.arraycopy(patch, 0, value, (int) offset, patch.length);
        store.setKeepTtl(key, value);
        call.reply().integer(value.length); // :<n>\r\n
    }
}
