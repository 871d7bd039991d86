package dev.redisfromscratch.strings;

import dev.redisfromscratch.arguments.OptionArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * <p>Propagation: with a time option the command propagates as {@code SET key value PXAT <unix ms>}
 * (NX, XX and GET dropped: they have done their work), so that a replay sets the same instant; with
 * GET alone, without its GET.
 *
 * <p>Redis: {@code t_string.c}, {@code setCommand} → {@code setGenericCommand}; arity -3.
 */
public final class SetCommand implements CommandHandler {
    /** The error for EX/PX/EXAT/PXAT values that are not positive or overflow. */
    public static final String INVALID_EXPIRE_TIME = "ERR invalid expire time in 'set' command";

    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PXAT = "PXAT".getBytes(StandardCharsets.US_ASCII);

    private final SelectedDb db;

    private SetCommand(SelectedDb db) {
        this.db = db;
    }

    /** @return the table row: {@code set}, arity -3, write denyoom, one key, working on {@code store} */
    public static CommandSpec spec(SelectedDb db) {
        return CommandSpec.builder("set", -3)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .acl(AclCategory.STRING)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.UPDATE,
                        KeySpec.Flag.VARIABLE_FLAGS).withNotes("RW and ACCESS due to the optional `GET` argument"))
                .docs("Set the string value of a key", "1.0.0", "string", "O(1)")
                .handler(new SetCommand(db))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
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
            } else if (options.expiry() == SetOptions.Expiry.KEEPTTL) {
                store.setKeepTtl(key, value);
            } else {
                store.set(key, value);
            }
        }

        propagateAsReplayable(call, options, expireAt);
        if (options.get()) {
            if (old == null) {
                call.reply().nullBulk();
            } else {
                call.reply().bulk(old);
            }
        } else {
            call.reply().raw(stored ? ReplyWriter.OK : ReplyWriter.NULL_BULK);
        }
    }

    /**
     * What a replay must do: with a time option, {@code SET key value PXAT <unix ms>} (replayed
     * later, "in 10 seconds" would be another instant; NX, XX and GET have done their work); with
     * GET and no time, the request without its GET (a replica has no one to answer). Only called,
     * and only matters, when the value was stored.
     *
     * <p>Redis: {@code t_string.c}, {@code setGenericCommand} ({@code rewriteClientCommandVector},
     * {@code replaceClientCommandVector}).
     */
    private static void propagateAsReplayable(CommandCall call, SetOptions options, long expireAt) {
        if (expireAt > 0) {
            call.propagateAs(List.of(SET, call.arg(1), call.arg(2), PXAT,
                    Long.toString(expireAt).getBytes(StandardCharsets.US_ASCII)));
        } else if (options.get()) {
            List<byte[]> argv = new ArrayList<>(call.args());
            argv.subList(3, argv.size()).removeIf(arg -> "GET".equals(OptionArgument.name(arg)));
            call.propagateAs(argv);
        }
    }
}
