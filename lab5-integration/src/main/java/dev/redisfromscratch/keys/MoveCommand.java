package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import java.util.OptionalInt;

/**
 * {@code MOVE key db}: moves the key, with its value and its TTL, from the selected database to
 * database {@code db}. Replies {@code :1} if it moved, {@code :0} if the key does not exist here or
 * already exists there (nothing changes then).
 *
 * <p>Errors, in Redis's order: {@code -ERR value is not an integer or out of range} (or the
 * {@code int} range text), {@code -ERR DB index is out of range},
 * {@code -ERR source and destination objects are the same} when {@code db} is the selected one.
 *
 * <p>Propagation: as itself; it is replayed in the database the stream last selected, which is the
 * source.
 *
 * <p>Redis: {@code db.c}, {@code moveCommand}; arity 3.
 */
public final class MoveCommand implements CommandHandler {
    /** Redis's {@code shared.sameobjecterr}. */
    public static final String SAME_OBJECT = "ERR source and destination objects are the same";

    private final Databases dbs;

    private MoveCommand(Databases dbs) {
        this.dbs = dbs;
    }

    /** @return the table row: {@code move}, arity 3, write fast, one key */
    public static CommandSpec spec(Databases dbs) {
        return CommandSpec.builder("move", 3)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.UPDATE))
                .docs("Move a key to another database", "1.0.0", "generic", "O(1)")
                .handler(new MoveCommand(dbs))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        OptionalInt target = DbIndexArgument.parseOrReply(call, 2, null);
        if (target.isEmpty()) {
            return;
        }
        if (!dbs.exists(target.getAsInt())) {
            call.reply().error(SelectCommand.OUT_OF_RANGE);
            return;
        }
        if (target.getAsInt() == call.client().db()) {
            call.reply().error(SAME_OBJECT);
            return;
        }
        DataStore src = dbs.of(call.client());
        DataStore dst = dbs.db(target.getAsInt());
        byte[] key = call.arg(1);
        Object value = src.lookup(key);
        if (value == null) {
            call.reply().integer(0); // :0\r\n
            return;
        }
        long expireAt = src.expireTime(key); // -1: no TTL
        if (dst.lookup(key) != null) {
            call.reply().integer(0);
            return;
        }
        dst.put(key, value, expireAt);
        src.delete(key);
        call.reply().integer(1); // :1\r\n
    }
}
