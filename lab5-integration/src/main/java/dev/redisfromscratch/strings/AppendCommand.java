package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;

/**
 * {@code APPEND key value}: appends {@code value} to the string at {@code key}, creating it if it is
 * missing, and replies the new length, {@code :<n>}. The key keeps its TTL.
 *
 * <p>Errors: {@code -WRONGTYPE ...} if the key holds another type;
 * {@code -ERR string exceeds maximum allowed size (proto-max-bulk-len)} if the result would be
 * longer than {@code proto-max-bulk-len}. Even an empty {@code value} counts as a change and is
 * propagated, as in Redis.
 *
 * <p>The store's values are never modified in place (a background save may be reading them), so
 * each APPEND copies the string: O(N) in its length, where Redis's spare capacity makes it
 * amortized O(1).
 *
 * <p>Redis: {@code t_string.c}, {@code appendCommand}; arity 3.
 */
public final class AppendCommand implements CommandHandler {
    private final SelectedDb db;
    private final ServerConfig config;

    private AppendCommand(SelectedDb db, ServerConfig config) {
        this.db = db;
        this.config = config;
    }

    /** @return the table row: {@code append}, arity 3, write denyoom fast, one key (RW insert) */
    public static CommandSpec spec(SelectedDb db, ServerConfig config) {
        return CommandSpec.builder("append", 3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                .docs("Append a value to a key", "2.0.0", "string", "O(1). The amortized time complexity is O(1) "
                        + "assuming the appended value is small and the already present value is of any size, since "
                        + "the dynamic string library used by Redis will double the free space available on every "
                        + "reallocation.")
                .handler(new AppendCommand(db, config))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        byte[] key = call.arg(1);
        byte[] tail = call.arg(2);
        byte[] old = store.get(key); // WRONGTYPE if not a string
        byte[] value;
        if (old == null) {
            value = tail;
        } else {
            if (!StringLength.checkOrReply(call, config, old.length, tail.length)) {
                return;
            }
            value = new byte[old.length + tail.length];
            System.arraycopy(old, 0, value, 0, old.length);
            System.arraycopy(tail, 0, value, old.length, tail.length);
        }
        store.setKeepTtl(key, value);
        call.reply().integer(value.length); // :<n>\r\n
    }
}
