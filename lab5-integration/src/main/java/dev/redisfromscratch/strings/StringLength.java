package dev.redisfromscratch.strings;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.config.ServerConfig;

/**
 * The one size limit on a string a command builds (APPEND, SETRANGE): no longer than
 * {@code proto-max-bulk-len}, the longest string a client may send (512 MB by default).
 *
 * <p>Redis: {@code t_string.c}, {@code checkStringLength}.
 */
final class StringLength {
    /** The error for a string that would exceed the limit. */
    static final String TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    private StringLength() {
    }

    /**
     * Checks that {@code size + append} bytes are allowed, or replies {@link #TOO_LONG}.
     *
     * @param size the bytes kept (the current length, or SETRANGE's offset), ≥ 0
     * @param append the bytes added, ≥ 0
     * @return whether the string may be built
     */
    static boolean checkOrReply(CommandCall call, ServerConfig config, long size, long append) {
        long total = size + append; // both ≥ 0: a wrap makes it negative
        if (total < 0 || total > config.protoMaxBulkLen()) {
            call.reply().error(TOO_LONG);
            return false;
        }
        return true;
    }
}
