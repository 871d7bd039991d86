package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.WrongTypeException;
import java.util.OptionalLong;

/**
 * {@code SET key value [NX|XX] [GET] [EX seconds|PX ms|EXAT unix-s|PXAT unix-ms|KEEPTTL]}.
 *
 * <p>Replies:
 * <ul>
 *   <li>{@code +OK} when the value was stored;
 *   <li>{@code $-1} (null bulk) when NX or XX prevented it;
 *   <li>with GET: the old value ({@code $<len>\r\n<bytes>\r\n}) or {@code $-1}, whether or not the
 *       value was stored, and {@code -WRONGTYPE ...} (nothing stored) if the old value is not a string.
 * </ul>
 * Without KEEPTTL, SET removes the key's TTL. Errors, in the order Redis checks them:
 * {@code -ERR syntax error} (options, see {@link SetOptions}), {@code -ERR value is not an integer
 * or out of range}, {@code -ERR invalid expire time in 'set' command} (≤ 0 or overflow).
 *
 * <p>Redis: {@code t_string.c}, {@code setCommand} → {@code setGenericCommand}; arity -3.
 */
public final class SetCommand implements CommandHandler {
    /** The error for EX/PX/EXAT/PXAT values that are not positive or overflow. */
    public static final String INVALID_EXPIRE_TIME = "ERR invalid expire time in 'set' command";

    private final DataStore store;

    private SetCommand(DataStore store) {
        this.store = store;
    }

    /** @return the table row: {@code set}, arity -3, working on {@code store} */
    public static CommandSpec spec(DataStore store) {
        return new CommandSpec("set", -3, new SetCommand(store));
    }

    @Override
    public void execute(CommandCall call) {
        // BEGIN SOLUTION
        SetOptions options = SetOptions.parseOrReply(call);
        if (options == null) {
            return;
        }
        long expireAt = 0;
        boolean timed = options.expiry() != SetOptions.Expiry.NONE && options.expiry() != SetOptions.Expiry.KEEPTTL;
        if (timed) {
            OptionalLong when = options.expireAtOrReply(call, store.clock().millis());
            if (when.isEmpty()) {
                return;
            }
            expireAt = when.getAsLong();
        }
        byte[] key = call.arg(1);
        byte[] value = call.arg(2);

        byte[] old = null;
        if (options.get()) {
            try {
                old = store.get(key);
            } catch (WrongTypeException e) {
                call.reply().error(e.replyText());
                return;
            }
        }

        boolean found = options.get() ? old != null : store.exists(key);
        boolean stored = !(options.nx() && found) && !(options.xx() && !found);
        if (stored) {
            if (timed) {
                store.setExpireAt(key, value, expireAt);
            } else if (options.expiry() == SetOptions.Expiry.KEEPTTL) {
                store.setKeepTtl(key, value);
            } else {
                store.set(key, value);
            }
        }

        if (options.get()) {
            if (old == null) {
                call.reply().nullBulk();
            } else {
                call.reply().bulk(old);
            }
        } else {
            call.reply().raw(stored ? ReplyWriter.OK : ReplyWriter.NULL_BULK);
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab2): SET: parse the options, store the value with or without a TTL, reply");
    }
}
