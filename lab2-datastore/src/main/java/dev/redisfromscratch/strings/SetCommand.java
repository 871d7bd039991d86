package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.DataStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * <p>Propagation: with EX, PX or EXAT the command propagates as {@code SET key value PXAT <unix ms>}
 * (its NX, XX and GET dropped: they have done their work), so that a replay sets the same instant.
 *
 * <p>Redis: {@code t_string.c}, {@code setCommand} → {@code setGenericCommand}; arity -3.
 */
public final class SetCommand implements CommandHandler {
    /** The error for EX/PX/EXAT/PXAT values that are not positive or overflow. */
    public static final String INVALID_EXPIRE_TIME = "ERR invalid expire time in 'set' command";

    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PXAT = "PXAT".getBytes(StandardCharsets.US_ASCII);

    private final DataStore store;

    private SetCommand(DataStore store) {
        this.store = store;
    }

    /** @return the table row: {@code set}, arity -3, write denyoom, one key, working on {@code store} */
    public static CommandSpec spec(DataStore store) {
        return CommandSpec.builder("set", -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.UPDATE,
                        KeySpec.Flag.VARIABLE_FLAGS).withNotes("RW and ACCESS due to the optional `GET` argument"))
                .docs("Set the string value of a key", "1.0.0", "string", "O(1)")
                .handler(new SetCommand(store))
                .build();
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

        byte[] old = options.get() ? store.get(key) : null; // WRONGTYPE (nothing stored) if not a string

        boolean found = options.get() ? old != null : store.exists(key);
        boolean stored = !(options.nx() && found) && !(options.xx() && !found);
        if (stored) {
            if (timed) {
                store.setExpireAt(key, value, expireAt);
                if (options.expiry() != SetOptions.Expiry.PXAT) {
                    // replayed later, a relative time would mean another instant: propagate the absolute one
                    call.propagateAs(List.of(SET, key, value, PXAT, Long.toString(expireAt).getBytes(StandardCharsets.US_ASCII)));
                }
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
