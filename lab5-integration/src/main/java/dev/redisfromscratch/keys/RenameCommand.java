package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.util.Arrays;

/**
 * {@code RENAME key newkey} and {@code RENAMENX key newkey}: gives the key's value and TTL to
 * {@code newkey}, and deletes {@code key}.
 *
 * <ul>
 *   <li>RENAME replies {@code +OK}, replacing whatever {@code newkey} held (its TTL too);
 *   <li>RENAMENX replies {@code :1}, or {@code :0} and changes nothing if {@code newkey} exists;
 *   <li>a missing (or expired) {@code key}: {@code -ERR no such key}, for both;
 *   <li>{@code key} and {@code newkey} the same: nothing changes, {@code +OK} or {@code :0} (if the
 *       key exists).
 * </ul>
 *
 * <p>Propagation: as itself.
 *
 * <p>Redis: {@code db.c}, {@code renameCommand}, {@code renamenxCommand} →
 * {@code renameGenericCommand}; arity 3.
 */
public final class RenameCommand implements CommandHandler {
    /** Redis's {@code shared.nokeyerr}. */
    public static final String NO_SUCH_KEY = "ERR no such key";

    private final SelectedDb db;
    private final boolean nx;

    private RenameCommand(SelectedDb db, boolean nx) {
        this.db = db;
        this.nx = nx;
    }

    /** @return the table row: {@code rename}, arity 3, write, two keys */
    public static CommandSpec renameSpec(SelectedDb db) {
        return CommandSpec.builder("rename", 3)
                .flags(CommandFlag.WRITE)
                .acl(AclCategory.KEYSPACE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.UPDATE))
                .docs("Rename a key", "1.0.0", "generic", "O(1)")
                .handler(new RenameCommand(db, false))
                .build();
    }

    /** @return the table row: {@code renamenx}, arity 3, write fast, two keys */
    public static CommandSpec renamenxSpec(SelectedDb db) {
        return CommandSpec.builder("renamenx", 3)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.INSERT))
                .docs("Rename a key, only if the new key does not exist", "1.0.0", "generic", "O(1)")
                .handler(new RenameCommand(db, true))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client());
        byte[] key = call.arg(1);
        byte[] newKey = call.arg(2);
        Object value = store.lookup(key);
        if (value == null) {
            call.reply().error(NO_SUCH_KEY);
            return;
        }
        if (Arrays.equals(key, newKey)) {
            reply(call, false);
            return;
        }
        long expireAt = store.expireTime(key); // -1: no TTL
        if (store.lookup(newKey) != null) {
            if (nx) {
                reply(call, false);
                return;
            }
            store.delete(newKey);
        }
        store.put(newKey, value, expireAt);
        store.delete(key);
        reply(call, true);
    }

    private void reply(CommandCall call, boolean renamed) {
        if (nx) {
            call.reply().integer(renamed ? 1 : 0); // :1\r\n or :0\r\n
        } else {
            call.reply().raw(ReplyWriter.OK);      // +OK\r\n
        }
    }
}
