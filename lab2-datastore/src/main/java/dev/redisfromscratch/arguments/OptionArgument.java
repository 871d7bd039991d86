package dev.redisfromscratch.arguments;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a command argument as an option name ({@code NX}, {@code EX}, {@code KEEPTTL}...), the way
 * Redis's C code compares it: case-insensitively, and only up to the first NUL byte, because Redis
 * compares options with {@code strcasecmp} on the argument's C string. So {@code "nx"} and
 * {@code "NX\0junk"} both name {@code NX}.
 *
 * <p>Redis: {@code t_string.c}, {@code parseExtendedStringArgumentsOrReply};
 * {@code expire.c}, {@code parseExtendedExpireArgumentsOrReply}.
 */
public final class OptionArgument {
    private OptionArgument() {
    }

    /** @return the argument up to its first NUL, upper-cased (one char per byte) */
    public static String name(byte[] bytes) {
        return cString(bytes).toUpperCase(Locale.ROOT);
    }

    /** @return the argument up to its first NUL, as sent (one char per byte), for error messages */
    public static String cString(byte[] bytes) {
        int len = 0;
        while (len < bytes.length && bytes[len] != 0) {
            len++;
        }
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }
}
