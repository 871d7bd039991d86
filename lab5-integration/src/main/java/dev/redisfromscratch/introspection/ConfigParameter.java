package dev.redisfromscratch.introspection;

import dev.redisfromscratch.protocol.Numbers;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One parameter as {@code CONFIG SET} sees it: its name, whether it may change while the server
 * runs, how a new value is checked (with Redis 7.0's error text) and written as {@code CONFIG GET}
 * will show it, and what must happen once it is set.
 *
 * <p>The value itself lives in the server's {@code ServerConfig}; whatever reads it there on each
 * use ({@code timeout}, {@code maxclients}, {@code hz}, {@code protected-mode}) needs no
 * {@link Apply}; whatever copied it at startup does ({@code save}, {@code appendfsync},
 * {@code requirepass}, {@code proto-max-bulk-len}).
 *
 * <p>Redis: {@code config.c}, {@code standardConfig} and its types' {@code set} functions
 * ({@code boolConfigSet}, {@code numericConfigSet}, {@code enumConfigSet}, {@code sdsConfigSet},
 * {@code setConfigSaveOption}) and {@code apply} functions.
 *
 * @param name the parameter, in lower case
 * @param mutability whether {@code CONFIG SET} may change it
 * @param parser checks a value and gives its stored form
 * @param apply what to do once a new value is set; {@link #NOTHING} if the server reads it on each use
 */
public record ConfigParameter(String name, Mutability mutability, Parser parser, Apply apply) {
    /** Whether {@code CONFIG SET} may change a parameter. */
    public enum Mutability {
        /** Changes at run time. */
        MODIFIABLE,
        /** Only at startup: {@code can't set immutable config}. */
        IMMUTABLE,
        /** Refused unless {@code enable-protected-configs} allows it, which it never does here: {@code can't set protected config}. */
        PROTECTED
    }

    /** A value that {@code CONFIG SET} refuses; its message is Redis's text after the {@code - }. */
    public static final class InvalidValue extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message Redis's reason, e.g. {@code argument must be 'yes' or 'no'} */
        public InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    /** Checks a value. */
    @FunctionalInterface
    public interface Parser {
        /**
         * @return the value as it is stored and {@code CONFIG GET} shows it
         * @throws InvalidValue with Redis's reason
         */
        String parse(String value) throws InvalidValue;
    }

    /** Makes a new value take effect. */
    @FunctionalInterface
    public interface Apply {
        /** @throws InvalidValue if it could not (the previous values are then restored) */
        void apply(String value) throws InvalidValue;
    }

    /** The {@link Apply} of a parameter read on each use. */
    public static final Apply NOTHING = value -> { };

    /** @return a parameter only set at startup */
    public static ConfigParameter immutable(String name) {
        return new ConfigParameter(name, Mutability.IMMUTABLE, v -> v, NOTHING);
    }

    /** @return a protected parameter ({@code dir}, {@code dbfilename}) */
    public static ConfigParameter protectedParameter(String name) {
        return new ConfigParameter(name, Mutability.PROTECTED, v -> v, NOTHING);
    }

    /** @return a modifiable parameter */
    public static ConfigParameter modifiable(String name, Parser parser, Apply apply) {
        return new ConfigParameter(name, Mutability.MODIFIABLE, parser, apply);
    }

    // ------------------------------------------------------------------ Redis's value types

    /** {@code yes} or {@code no}, in any case (Redis: {@code yesnotoi}). */
    public static Parser yesNo() {
        return value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "yes" -> "yes";
            case "no" -> "no";
            default -> throw new InvalidValue("argument must be 'yes' or 'no'");
        };
    }

    /** A strict decimal integer between {@code min} and {@code max} (Redis: {@code INTEGER_CONFIG}). */
    public static Parser integer(long min, long max) {
        return value -> {
            long n;
            try {
                n = Numbers.string2ll(value.getBytes(StandardCharsets.UTF_8));
            } catch (Numbers.NotANumber e) {
                throw new InvalidValue("argument couldn't be parsed into an integer");
            }
            return Long.toString(bounded(n, min, max));
        };
    }

    /**
     * An unsigned integer between {@code min} and {@code max} (Redis's {@code createUIntConfig}): a
     * negative number is read as the huge unsigned number it is in C, so it is out of range too.
     */
    public static Parser unsigned(long min, long max) {
        Parser signed = integer(Long.MIN_VALUE, Long.MAX_VALUE);
        return value -> {
            long n = Long.parseLong(signed.parse(value));
            if (n < min || n > max) { // unsigned comparison: n < 0 is above UINT_MAX
                throw new InvalidValue("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(n);
        };
    }

    /**
     * A size with an optional unit, {@code b}, {@code k} (1000), {@code kb} (1024), {@code m},
     * {@code mb}, {@code g}, {@code gb} in any case, between {@code min} and {@code max}, stored in
     * bytes (Redis: {@code MEMORY_CONFIG}, {@code memtoull}).
     */
    public static Parser memory(long min, long max) {
        return value -> {
            int digits = 0;
            while (digits < value.length() && Character.isDigit(value.charAt(digits)) && value.charAt(digits) < 128) {
                digits++;
            }
            long multiplier = switch (value.substring(digits).toLowerCase(Locale.ROOT)) {
                case "", "b" -> 1;
                case "k" -> 1000;
                case "kb" -> 1024;
                case "m" -> 1000 * 1000;
                case "mb" -> 1024 * 1024;
                case "g" -> 1000L * 1000 * 1000;
                case "gb" -> 1024L * 1024 * 1024;
                default -> throw new InvalidValue("argument must be a memory value");
            };
            if (value.startsWith("-") || digits >= 128) {
                throw new InvalidValue("argument must be a memory value");
            }
            // strtoull saturates at 2^64-1, the product wraps, and the result is read as a long long
            BigInteger limit = BigInteger.ONE.shiftLeft(64);
            BigInteger n = digits == 0 ? BigInteger.ZERO : new BigInteger(value.substring(0, digits)).min(limit.subtract(BigInteger.ONE));
            long bytes = n.multiply(BigInteger.valueOf(multiplier)).mod(limit).longValue();
            return Long.toString(bounded(bytes, min, max));
        };
    }

    /** One of {@code values}, in any case, stored in lower case (Redis: {@code enumConfigSet}). */
    public static Parser oneOf(List<String> values) {
        return value -> {
            for (String v : values) {
                if (v.equalsIgnoreCase(value)) {
                    return v;
                }
            }
            throw new InvalidValue("argument(s) must be one of the following: " + String.join(", ", values));
        };
    }

    /** Any string (Redis: {@code createSDSConfig}). */
    public static Parser anyString() {
        return value -> value;
    }

    /**
     * {@code save}: pairs of seconds (at least 1) and changes (at least 0), separated by single
     * spaces; {@code ""} for none. Each number is read as C's {@code strtoll} reads it (leading
     * white space and a sign allowed, saturating), the changes then kept as a C {@code int}, and an
     * empty piece between two spaces is a 0, as in Redis. Stored as {@code CONFIG GET save} shows it.
     *
     * <p>Redis: {@code config.c}, {@code setConfigSaveOption}, {@code getConfigSaveOption}.
     */
    public static Parser savePoints() {
        return value -> {
            if (value.isEmpty()) {
                return "";
            }
            String[] parts = value.split(" ", -1);
            if (parts.length % 2 != 0) {
                throw new InvalidValue("Invalid save parameters");
            }
            StringBuilder stored = new StringBuilder();
            for (int j = 0; j < parts.length; j += 2) {
                long seconds = strtoll(parts[j]);
                long changes = strtoll(parts[j + 1]);
                if (seconds < 1 || changes < 0) {
                    throw new InvalidValue("Invalid save parameters");
                }
                stored.append(stored.length() == 0 ? "" : " ").append(seconds).append(' ').append((int) changes);
            }
            return stored.toString();
        };
    }

    /** C's {@code strtoll} with a check that it read the whole text; {@code ""} is 0. */
    private static long strtoll(String s) throws InvalidValue {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digitsFrom = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == digitsFrom) {
            if (s.isEmpty()) {
                return 0; // no digits: strtoll stops at the start, which is the end of an empty string
            }
            throw new InvalidValue("Invalid save parameters");
        }
        if (i != s.length()) {
            throw new InvalidValue("Invalid save parameters");
        }
        BigInteger n = new BigInteger(s.substring(start, i).replace("+", ""));
        return n.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    private static long bounded(long n, long min, long max) throws InvalidValue {
        if (n < min || n > max) {
            throw new InvalidValue("argument must be between " + min + " and " + max + " inclusive");
        }
        return n;
    }
}
