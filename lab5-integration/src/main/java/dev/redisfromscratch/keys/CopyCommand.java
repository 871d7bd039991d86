package dev.redisfromscratch.keys;

import dev.redisfromscratch.arguments.OptionArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.TypedValue;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * {@code COPY source destination [DB destination-db] [REPLACE]}: copies the value, and its TTL, to
 * {@code destination} in the selected database or in {@code destination-db}. The copy shares
 * nothing with the original ({@link TypedValue#copy}). Replies {@code :1} if copied, {@code :0} if
 * {@code source} does not exist or {@code destination} does and REPLACE was not given.
 *
 * <p>Errors, in Redis's order: {@code -ERR syntax error} for an unknown option or DB without its
 * number, the integer errors and {@code -ERR DB index is out of range} for DB's number (checked as
 * options are read), {@code -ERR source and destination objects are the same} for the same key in
 * the same database.
 *
 * <p>Propagation: as itself.
 *
 * <p>Redis: {@code db.c}, {@code copyCommand}; arity -3.
 */
public final class CopyCommand implements CommandHandler {
    private final Databases dbs;

    private CopyCommand(Databases dbs) {
        this.dbs = dbs;
    }

    /** @return the table row: {@code copy}, arity -3, write denyoom, two keys */
    public static CommandSpec spec(Databases dbs) {
        return CommandSpec.builder("copy", -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.KEYSPACE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.UPDATE))
                .docs("Copy a key", "6.2.0", "generic",
                        "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.")
                .handler(new CopyCommand(dbs))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        int srcIndex = call.client().db();
        int dstIndex = srcIndex;
        boolean replace = false;
        for (int j = 3; j < call.argc(); j++) {
            String option = OptionArgument.name(call.arg(j));
            if (option.equals("REPLACE")) {
                replace = true;
            } else if (option.equals("DB") && j + 1 < call.argc()) {
                OptionalInt index = DbIndexArgument.parseOrReply(call, j + 1, null);
                if (index.isEmpty()) {
                    return;
                }
                if (!dbs.exists(index.getAsInt())) {
                    call.reply().error(SelectCommand.OUT_OF_RANGE);
                    return;
                }
                dstIndex = index.getAsInt();
                j++;
            } else {
                call.reply().error(ErrorReplies.SYNTAX);
                return;
            }
        }
        byte[] key = call.arg(1);
        byte[] newKey = call.arg(2);
        if (srcIndex == dstIndex && Arrays.equals(key, newKey)) {
            call.reply().error(MoveCommand.SAME_OBJECT);
            return;
        }
        DataStore src = dbs.db(srcIndex);
        DataStore dst = dbs.db(dstIndex);
        Object value = src.lookup(key);
        if (value == null) {
            call.reply().integer(0); // :0\r\n
            return;
        }
        long expireAt = src.expireTime(key); // -1: no TTL
        boolean delete = false;
        if (dst.lookup(newKey) != null) {
            if (!replace) {
                call.reply().integer(0);
                return;
            }
            delete = true;
        }
        Object copy = value instanceof byte[] bytes ? bytes.clone() : ((TypedValue) value).copy();
        if (delete) {
            dst.delete(newKey);
        }
        dst.put(newKey, copy, expireAt);
        call.reply().integer(1); // :1\r\n
    }
}
