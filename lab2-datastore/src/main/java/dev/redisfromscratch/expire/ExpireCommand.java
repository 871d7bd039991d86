package dev.redisfromscratch.expire;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.arguments.OptionArgument;
import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.SelectedDb;
import dev.redisfromscratch.store.ExpiresIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code EXPIRE key seconds [NX|XX|GT|LT]}: gives the key a TTL.
 *
 * <p>Replies {@code :1} if the TTL was set, {@code :0} if the key does not exist or a condition
 * failed:
 * <ul>
 *   <li>NX: only if the key has no TTL; XX: only if it has one;
 *   <li>GT: only if the new time is later than the current one (no TTL counts as infinite, so GT
 *       never applies to a key without one); LT: only if it is earlier (a key without a TTL always
 *       qualifies).
 * </ul>
 * Zero or a negative number of seconds deletes the key and replies {@code :1}.
 * {@code PEXPIREAT} ({@link #pexpireatSpec}) is the same command with an absolute time in ms, as
 * Redis's {@code expireGenericCommand} serves all four of EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT.
 *
 * <p>Errors, in the order Redis checks them:
 * <ul>
 *   <li>{@code -ERR Unsupported option <opt>} for an unknown option;
 *   <li>{@code -ERR NX and XX, GT or LT options at the same time are not compatible};
 *   <li>{@code -ERR GT and LT options at the same time are not compatible};
 *   <li>{@code -ERR value is not an integer or out of range};
 *   <li>{@code -ERR invalid expire time in 'expire' command} when seconds × 1000 + now overflows.
 * </ul>
 *
 * <p>Propagation: as {@code PEXPIREAT key <unix ms> [options]}, or {@code DEL key} when the key was
 * deleted ({@link #propagateAbsolute}).
 *
 * <p>Redis: {@code expire.c}, {@code expireCommand} → {@code expireGenericCommand} and
 * {@code parseExtendedExpireArgumentsOrReply}; arity -3.
 */
public final class ExpireCommand implements CommandHandler {
    /** EXPIRE's error for a number of seconds that overflows once converted to a Unix time in ms. */
    public static final String INVALID_EXPIRE_TIME = "ERR invalid expire time in 'expire' command";

    private static final byte[] PEXPIREAT = "PEXPIREAT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    private final SelectedDb db;
    private final String name;
    private final boolean absolute;
    private final boolean seconds;

    /**
     * @param name the command's name, for its error text
     * @param absolute whether the number is a Unix time ({@code EXPIREAT}, {@code PEXPIREAT}) rather
     *     than a time to live from now
     * @param seconds whether it is in seconds rather than milliseconds
     */
    private ExpireCommand(SelectedDb db, String name, boolean absolute, boolean seconds) {
        this.db = db;
        this.name = name;
        this.absolute = absolute;
        this.seconds = seconds;
    }

    /** @return the table row: {@code expire}, arity -3, write fast, one key, working on {@code store} */
    public static CommandSpec spec(SelectedDb db) {
        return spec(new ExpireCommand(db, "expire", false, true), "Set a key's time to live in seconds", "1.0.0");
    }

    /**
     * {@code PEXPIREAT key unix-time-milliseconds [NX|XX|GT|LT]}: the same, with an absolute time in
     * ms; what {@code EXPIRE} propagates as. Lab 2 does not register it; lab 4 does, because replaying
     * an append-only file needs it.
     *
     * @return the table row: {@code pexpireat}, arity -3, write fast, one key
     */
    public static CommandSpec pexpireatSpec(SelectedDb db) {
        return spec(new ExpireCommand(db, "pexpireat", true, false),
                "Set the expiration for a key as a UNIX timestamp specified in milliseconds", "2.6.0");
    }

    /**
     * {@code EXPIREAT key unix-time-seconds [NX|XX|GT|LT]}: the same, with an absolute time in
     * seconds. Propagated as {@code PEXPIREAT}. Registered from lab 5 on.
     *
     * @return the table row: {@code expireat}, arity -3, write fast, one key
     */
    public static CommandSpec expireatSpec(SelectedDb db) {
        return spec(new ExpireCommand(db, "expireat", true, true),
                "Set the expiration for a key as a UNIX timestamp", "1.2.0");
    }

    /**
     * {@code PEXPIRE key milliseconds [NX|XX|GT|LT]}: the same, with a time to live in ms.
     * Propagated as {@code PEXPIREAT}. Registered from lab 5 on.
     *
     * @return the table row: {@code pexpire}, arity -3, write fast, one key
     */
    public static CommandSpec pexpireSpec(SelectedDb db) {
        return spec(new ExpireCommand(db, "pexpire", false, false),
                "Set a key's time to live in milliseconds", "2.6.0");
    }

    /** The row every command of the family shares (Redis: {@code expireGenericCommand}'s callers). */
    private static CommandSpec spec(ExpireCommand handler, String summary, String since) {
        return CommandSpec.builder(handler.name, -3)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl(AclCategory.KEYSPACE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.UPDATE))
                .docs(summary, since, "generic", "O(1)")
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        DataStore store = db.of(call.client()); // the client's selected database
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < call.argc(); i++) {
            switch (OptionArgument.name(call.arg(i))) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                default -> {
                    call.reply().error("ERR Unsupported option " + OptionArgument.cString(call.arg(i)));
                    return;
                }
            }
        }
        if (nx && (xx || gt || lt)) {
            call.reply().error("ERR NX and XX, GT or LT options at the same time are not compatible");
            return;
        }
        if (gt && lt) {
            call.reply().error("ERR GT and LT options at the same time are not compatible");
            return;
        }

        OptionalLong number = IntegerArgument.parseOrReply(call, 2);
        if (number.isEmpty()) {
            return;
        }
        long now = store.clock().millis();
        long when = number.getAsLong();
        long base = absolute ? 0 : now;
        if (seconds && (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000)
                || (seconds ? when * 1000 : when) > Long.MAX_VALUE - base) {
            call.reply().error("ERR invalid expire time in '" + name + "' command");
            return;
        }
        when = (seconds ? when * 1000 : when) + base; // absolute Unix time in ms; may be in the past

        byte[] key = call.arg(1);
        long current = store.expireTime(key); // -2 missing, -1 no TTL, else Unix ms
        if (current == -2) {
            call.reply().integer(0);
            return;
        }
        boolean hasTtl = current != ExpiresIndex.NO_EXPIRE;
        if ((nx && hasTtl)
                || (xx && !hasTtl)
                || (gt && (!hasTtl || when <= current))
                || (lt && hasTtl && when >= current)) {
            call.reply().integer(0);
            return;
        }
        store.expireAt(key, when); // a time not after now deletes the key
        propagateAbsolute(call, key, when, now);
        call.reply().integer(1);
    }

    /**
     * What a replay must do is not "in 10 seconds" but "at this instant": the command propagates as
     * {@code PEXPIREAT key <unix ms> [options]}, or as {@code DEL key} when the time had already
     * passed and the key was deleted.
     *
     * <p>Redis: {@code expire.c}, {@code expireGenericCommand} ({@code rewriteClientCommandArgument}).
     */
    static void propagateAbsolute(CommandCall call, byte[] key, long when, long now) {
        if (when <= now) {
            call.propagateAs(List.of(DEL, key));
            return;
        }
        List<byte[]> argv = new ArrayList<>(call.args());
        argv.set(0, PEXPIREAT);
        argv.set(2, Long.toString(when).getBytes(StandardCharsets.US_ASCII));
        call.propagateAs(argv);
    }
}
