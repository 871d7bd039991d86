package dev.redisfromscratch.keys;

import dev.redisfromscratch.arguments.IntegerArgument;
import dev.redisfromscratch.arguments.OptionArgument;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.glob.GlobPattern;
import java.util.OptionalLong;

/**
 * The options of one SCAN-family step, {@code [MATCH pattern] [COUNT count] [TYPE type]}, read as
 * Redis's {@code scanGenericCommand} reads them. SCAN reads them with it, and SSCAN (lab 6) reads
 * its options with it too (without TYPE, which only SCAN takes).
 *
 * <p>Redis: {@code db.c}, {@code scanGenericCommand}.
 *
 * @param count   how many elements a step gathers before it stops (10 by default; at least 1)
 * @param pattern the MATCH glob pattern, or null when there is none or it is {@code *} alone
 *                (which matches everything)
 * @param type    the TYPE name as given (compared without case by the caller), or null
 */
public record ScanOptions(long count, byte[] pattern, String type) {
    /** The reply to a cursor that {@link ScanCommand#parseCursor} rejects. */
    public static final String INVALID_CURSOR = "ERR invalid cursor";

    /**
     * Reads the options from {@code call.arg(from)} to the end, in order, option names without case;
     * the first bad option is answered and reading stops.
     *
     * <p>Errors replied: {@code -ERR value is not an integer or out of range} for a COUNT that is not
     * an integer; {@code -ERR syntax error} for a COUNT below 1, an option without its value, an
     * unknown option, or TYPE when {@code typeAllowed} is false.
     *
     * @param from        the index of the first option argument
     * @param typeAllowed whether TYPE is an option here (SCAN: yes; SSCAN: no)
     * @return the options, or null if an error has been replied
     */
    public static ScanOptions parseOrReply(CommandCall call, int from, boolean typeAllowed) {
        long count = 10;
        byte[] pattern = null;
        String type = null;
        for (int i = from; i < call.argc(); i += 2) {
            boolean hasValue = i + 1 < call.argc();
            String option = OptionArgument.name(call.arg(i));
            if (option.equals("COUNT") && hasValue) {
                OptionalLong n = IntegerArgument.parseOrReply(call, i + 1);
                if (n.isEmpty()) {
                    return null;
                }
                if (n.getAsLong() < 1) {
                    call.reply().error(ErrorReplies.SYNTAX);
                    return null;
                }
                count = n.getAsLong();
            } else if (option.equals("MATCH") && hasValue) {
                byte[] p = call.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p; // "*" alone matches everything
            } else if (typeAllowed && option.equals("TYPE") && hasValue) {
                type = OptionArgument.cString(call.arg(i + 1));
            } else {
                call.reply().error(ErrorReplies.SYNTAX);
                return null;
            }
        }
        return new ScanOptions(count, pattern, type);
    }

    /** @return whether {@code element} passes the MATCH pattern (always, when there is none) */
    public boolean matches(byte[] element) {
        return pattern == null || GlobPattern.matches(pattern, element, false);
    }

    /**
     * @return how many more buckets a step may visit once it has started, {@code 10 × count}
     *         (saturating), so that a sparse table still ends the step
     */
    public long maxIterations() {
        return count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
    }
}
