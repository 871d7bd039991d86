package dev.redisfromscratch.strings;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.arguments.OptionArgument;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.ErrorReplies;
import java.util.OptionalLong;

/**
 * The options of {@code SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ts|KEEPTTL]}, parsed
 * and checked the way Redis does.
 *
 * <p>Options are read left to right, case-insensitively. Each is accepted only if it does not clash
 * with one already seen: NX with XX; EX, PX, EXAT, PXAT and KEEPTTL with one another. Repeating an
 * option is allowed ({@code EX 1 EX 2}: the last value wins). Anything else, a clash, or a time
 * option without its value, gets {@code -ERR syntax error}. The time value itself is checked
 * afterwards ({@link #expireAtOrReply}).
 *
 * <p>Redis: {@code t_string.c}, {@code parseExtendedStringArgumentsOrReply} (with
 * {@code COMMAND_SET}) and {@code getExpireMillisecondsOrReply}.
 */
public final class SetOptions {
    /** Which TTL option was given. */
    public enum Expiry {
        /** No time option: SET removes any TTL the key had. */
        NONE,
        /** {@code EX seconds}, relative. */
        EX,
        /** {@code PX milliseconds}, relative. */
        PX,
        /** {@code EXAT unix-time-seconds}, absolute. */
        EXAT,
        /** {@code PXAT unix-time-milliseconds}, absolute. */
        PXAT,
        /** {@code KEEPTTL}: keep the key's TTL. */
        KEEPTTL
    }

    private boolean nx;
    private boolean xx;
    private boolean get;
    private Expiry expiry = Expiry.NONE;
    private byte[] expiryValue;

    private SetOptions() {
    }

    /**
     * Parses the options after {@code SET key value}, or replies {@code -ERR syntax error}.
     *
     * @return the options, or {@code null} after the error has been replied
     */
    public static SetOptions parseOrReply(CommandCall call) {
        SetOptions o = new SetOptions();
        for (int i = 3; i < call.argc(); i++) {
            String opt = OptionArgument.name(call.arg(i));
            boolean hasNext = i + 1 < call.argc();
            boolean accepted = switch (opt) {
                case "NX" -> !o.xx && (o.nx = true);
                case "XX" -> !o.nx && (o.xx = true);
                case "GET" -> o.get = true;
                case "KEEPTTL" -> o.takeExpiry(Expiry.KEEPTTL, null);
                case "EX", "PX", "EXAT", "PXAT" -> hasNext && o.takeExpiry(Expiry.valueOf(opt), call.arg(++i));
                default -> false;
            };
            if (!accepted) {
                call.reply().error(ErrorReplies.SYNTAX);
                return null;
            }
        }
        return o;
    }

    /** Accepts a TTL option if no different one was given before; a repeat of the same one is fine. */
    private boolean takeExpiry(Expiry option, byte[] value) {
        if (expiry != Expiry.NONE && expiry != option) {
            return false;
        }
        expiry = option;
        expiryValue = value; // a repeated EX takes its new value
        return true;
    }

    /** @return whether NX was given: set only if the key does not exist */
    public boolean nx() {
        return nx;
    }

    /** @return whether XX was given: set only if the key exists */
    public boolean xx() {
        return xx;
    }

    /** @return whether GET was given: reply with the old value instead of {@code +OK} */
    public boolean get() {
        return get;
    }

    /** @return the TTL option given, {@link Expiry#NONE} if none */
    public Expiry expiry() {
        return expiry;
    }

    /**
     * Turns the EX/PX/EXAT/PXAT value into an absolute Unix time in ms, or replies the error:
     * <ul>
     *   <li>not an integer: {@code -ERR value is not an integer or out of range};
     *   <li>zero, negative, or overflowing once converted to ms and added to now:
     *       {@code -ERR invalid expire time in 'set' command}.
     * </ul>
     * Only call it when {@link #expiry()} is one of EX, PX, EXAT, PXAT.
     *
     * @param nowMillis the current Unix time in ms, added to EX and PX
     * @return the expire time in Unix ms, or empty after the error has been replied
     */
    public OptionalLong expireAtOrReply(CommandCall call, long nowMillis) {
        return expireAtOrReply(call, expiry, expiryValue, nowMillis, "set");
    }

    /**
     * SET's time check for the commands that share it: {@code SETEX} and {@code PSETEX} (a time to
     * live in seconds or ms) and {@code GETEX}'s EX, PX, EXAT and PXAT. Turns {@code value} into an
     * absolute Unix time in ms, or replies the error:
     * <ul>
     *   <li>not an integer: {@code -ERR value is not an integer or out of range};
     *   <li>zero, negative, or overflowing once converted to ms and added to now:
     *       {@code -ERR invalid expire time in '<command>' command}.
     * </ul>
     *
     * <p>Redis: {@code t_string.c}, {@code getExpireMillisecondsOrReply}.
     *
     * @param expiry how to read {@code value}: {@link Expiry#EX} and {@link Expiry#PX} are relative
     *     to now, {@link Expiry#EXAT} and {@link Expiry#PXAT} absolute; EX and EXAT are in seconds
     * @param value the argument as sent
     * @param nowMillis the current Unix time in ms, added to EX and PX
     * @param command the command's name in lower case, for the error text ({@code setex})
     * @return the expire time in Unix ms, or empty after the error has been replied
     * @throws IllegalArgumentException if {@code expiry} is not one of EX, PX, EXAT, PXAT
     */
    public static OptionalLong expireAtOrReply(CommandCall call, Expiry expiry, byte[] value, long nowMillis,
            String command) {
        if (expiry == Expiry.NONE || expiry == Expiry.KEEPTTL) {
            throw new IllegalArgumentException("not a time option: " + expiry);
        }
        OptionalLong parsed = IntegerArgument.parse(value);
        if (parsed.isEmpty()) {
            call.reply().error(ErrorReplies.NOT_AN_INTEGER);
            return parsed;
        }
        long number = parsed.getAsLong();
        boolean seconds = expiry == Expiry.EX || expiry == Expiry.EXAT;
        if (number <= 0 || (seconds && number > Long.MAX_VALUE / 1000)) {
            return invalidExpireTime(call, command);
        }
        long millis = seconds ? number * 1000 : number;
        if (expiry == Expiry.EX || expiry == Expiry.PX) {
            millis += nowMillis; // wraps negative on overflow, which the check below catches, as in Redis
        }
        if (millis <= 0) {
            return invalidExpireTime(call, command);
        }
        return OptionalLong.of(millis);
    }

    private static OptionalLong invalidExpireTime(CommandCall call, String command) {
        call.reply().error("ERR invalid expire time in '" + command + "' command");
        return OptionalLong.empty();
    }
}
