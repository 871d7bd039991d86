package dev.redisfromscratch.strings;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The C {@code long double} that {@code INCRBYFLOAT} computes with, as Redis 7.0 on x86-64 has it:
 * the x87 80-bit extended format, with a 64-bit significand (a Java {@code double} has 53 bits, so
 * {@code 10.5 + 0.1} would print {@code 10.59999999999999964} instead of Redis's {@code 10.6}).
 *
 * <p>A finite value is {@code significand × 2^exponent}, exactly, with {@code significand < 2^64}
 * and {@code exponent ≥ -16445} (the smallest subnormal, 2<sup>-16445</sup> ≈ 3.6e-4951); every
 * value below 2<sup>16384</sup> (≈ 1.19e4932) is finite. Each operation computes the exact result
 * with {@link BigInteger}s and rounds it once, to nearest with ties to even, as the x87 unit and
 * glibc do:
 * <ul>
 *   <li>{@link #parse}: {@code strtold}, with Redis's strictness on top ({@code string2ld});
 *   <li>{@link #add}: {@code value += incr};
 *   <li>{@link #toHumanString}: {@code printf("%.17Lf")} with the trailing zeros, and a trailing
 *       dot, removed, and {@code -0} written {@code 0} ({@code ld2string}'s {@code LD_STR_HUMAN}).
 *       So the result has at most 17 decimals and no exponent: {@code 3.0e3} is {@code 3000},
 *       {@code 1e20} is {@code 100000000000000000000} and {@code 1e-20} is {@code 0}.
 * </ul>
 * Exactness costs little here: a value has at most a few thousand digits, and a command does one
 * addition.
 *
 * <p>Immutable. Redis: {@code util.c}, {@code string2ld} and {@code ld2string}; {@code object.c},
 * {@code getLongDoubleFromObject} and {@code createStringObjectFromLongDouble}.
 */
public final class LongDouble {
    /** Positive zero: the value of a missing key. */
    public static final LongDouble ZERO = new LongDouble(Kind.FINITE, false, BigInteger.ZERO, 0);

    /** Texts this long or longer are refused, as Redis's buffer of {@code MAX_LONG_DOUBLE_CHARS} (5 KiB) refuses them. */
    public static final int MAX_CHARS = 5 * 1024;

    private static final int SIGNIFICAND_BITS = 64;
    /** The exponent of the smallest subnormal: 1 - 16383 (the bias) - 63 (the fraction bits). */
    private static final int MIN_EXPONENT = -16445;
    /** Every finite value is below 2^16384. */
    private static final int MAX_BITS = 16384;
    /** Beyond this many decimal (or binary) orders of magnitude, a value is surely infinite or zero. */
    private static final int EXPONENT_CAP = 1_000_000;
    /** {@code %.17Lf}: 17 decimals. */
    private static final int DECIMALS = 17;
    private static final BigInteger TEN_TO_DECIMALS = BigInteger.TEN.pow(DECIMALS);

    private enum Kind { FINITE, INFINITE, NAN }

    private final Kind kind;
    private final boolean negative;
    private final BigInteger significand;
    private final int exponent;

    private LongDouble(Kind kind, boolean negative, BigInteger significand, int exponent) {
        this.kind = kind;
        this.negative = negative;
        this.significand = significand;
        this.exponent = exponent;
    }

    private static LongDouble infinity(boolean negative) {
        return new LongDouble(Kind.INFINITE, negative, BigInteger.ZERO, 0);
    }

    private static LongDouble zero(boolean negative) {
        return negative ? new LongDouble(Kind.FINITE, true, BigInteger.ZERO, 0) : ZERO;
    }

    // ---------------------------------------------------------------- parsing (string2ld)

    /**
     * Reads a number as Redis's {@code string2ld} does: the whole text must be one number as
     * {@code strtold} reads it, with nothing before or after. Accepted: an optional sign, then
     * <ul>
     *   <li>a decimal number with an optional point and exponent ({@code 1}, {@code -.5},
     *       {@code 5.}, {@code 3.0e3}, {@code +1E-2});
     *   <li>a hexadecimal one with an optional binary exponent ({@code 0x1p3}, {@code 0x1.8});
     *   <li>{@code inf} or {@code infinity}, in any case.
     * </ul>
     * Refused: an empty text, one of {@value #MAX_CHARS} bytes or more, leading or trailing spaces,
     * {@code nan}, and a finite number too large for a {@code long double} or so small it rounds to
     * zero ({@code strtold}'s {@code ERANGE}; {@code 1e-4940} is kept as a subnormal).
     *
     * @param text the argument or the stored value
     * @return the value, correctly rounded, or {@code null} if Redis would answer
     *     {@code -ERR value is not a valid float}
     */
    public static LongDouble parse(byte[] text) {
        if (text.length == 0 || text.length >= MAX_CHARS) {
            return null;
        }
        String s = new String(text, StandardCharsets.ISO_8859_1);
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i++;
        }
        String rest = s.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return infinity(negative);
        }
        boolean hex = rest.length() > 2 && rest.charAt(0) == '0' && (rest.charAt(1) == 'x' || rest.charAt(1) == 'X');
        return hex ? parseHex(rest.substring(2), negative) : parseDecimal(rest, negative);
    }

    /** {@code digits[.digits][e[+-]digits]}, at least one digit in the mantissa. */
    private static LongDouble parseDecimal(String s, boolean negative) {
        int i = 0;
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean point = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                fractionDigits += point ? 1 : 0;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits.length() == 0) {
            return null; // ".", "", "e5", "nan", ...
        }
        long exp = 0;
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            exp = parseExponent(s, i + 1);
            if (exp == Long.MIN_VALUE) {
                return null;
            }
            i = s.length();
        }
        if (i != s.length()) {
            return null; // trailing characters: a space, a NUL, a second point, ...
        }
        BigInteger mantissa = new BigInteger(digits.toString());
        if (mantissa.signum() == 0) {
            return zero(negative);
        }
        long scale = exp - fractionDigits; // value = mantissa × 10^scale
        int magnitude = mantissa.toString().length();
        if (magnitude + scale > 4934) {
            return null; // at least 10^4933: above the largest long double (ERANGE, HUGE_VAL)
        }
        if (magnitude + scale < -4952) {
            return null; // below 10^-4952: rounds to zero (ERANGE, zero)
        }
        LongDouble value = scale >= 0
                ? round(negative, mantissa.multiply(BigInteger.TEN.pow((int) scale)), BigInteger.ONE, 0)
                : round(negative, mantissa, BigInteger.TEN.pow((int) -scale), 0);
        return value.kind == Kind.FINITE && value.significand.signum() != 0 ? value : null;
    }

    /** {@code hexdigits[.hexdigits][p[+-]digits]} after the {@code 0x}, at least one hex digit. */
    private static LongDouble parseHex(String s, boolean negative) {
        int i = 0;
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean point = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 128) {
                digits.append(c);
                fractionDigits += point ? 1 : 0;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits.length() == 0) {
            return null; // "0x" alone: strtold reads the 0 and stops at the x
        }
        long exp = 0;
        if (i < s.length() && (s.charAt(i) == 'p' || s.charAt(i) == 'P')) {
            exp = parseExponent(s, i + 1);
            if (exp == Long.MIN_VALUE) {
                return null;
            }
            i = s.length();
        }
        if (i != s.length()) {
            return null;
        }
        BigInteger mantissa = new BigInteger(digits.toString(), 16);
        if (mantissa.signum() == 0) {
            return zero(negative);
        }
        long binaryExponent = exp - 4L * fractionDigits; // value = mantissa × 2^binaryExponent
        long top = mantissa.bitLength() + binaryExponent;
        if (top > MAX_BITS + 1 || top < MIN_EXPONENT - 1) {
            return null; // surely infinite, or surely zero
        }
        LongDouble value = roundExact(negative, mantissa, (int) binaryExponent);
        return value.kind == Kind.FINITE && value.significand.signum() != 0 ? value : null;
    }

    /**
     * The exponent after {@code e} or {@code p}: {@code [+-]digits}, capped at ±{@value #EXPONENT_CAP}
     * (a larger one makes any non-zero mantissa infinite or zero), to the end of {@code s}.
     *
     * @return the exponent, or {@code Long.MIN_VALUE} if it is malformed or followed by anything
     */
    private static long parseExponent(String s, int from) {
        int i = from;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i == s.length()) {
            return Long.MIN_VALUE; // "1e", "1e+": strtold stops before the e
        }
        long value = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            value = Math.min(value * 10 + (c - '0'), EXPONENT_CAP);
        }
        return negative ? -value : value;
    }

    // ---------------------------------------------------------------- arithmetic

    /**
     * {@code this + other}, rounded once to the nearest {@code long double}, ties to even; a sum
     * beyond the largest finite value is infinite. An exact zero sum is {@code +0} unless both
     * operands are {@code -0}, as in IEEE arithmetic.
     *
     * @return the sum; infinite or NaN ({@code inf + -inf}) as the hardware would give them
     */
    public LongDouble add(LongDouble other) {
        if (kind == Kind.NAN || other.kind == Kind.NAN) {
            return new LongDouble(Kind.NAN, false, BigInteger.ZERO, 0);
        }
        if (kind == Kind.INFINITE || other.kind == Kind.INFINITE) {
            if (kind == Kind.INFINITE && other.kind == Kind.INFINITE && negative != other.negative) {
                return new LongDouble(Kind.NAN, false, BigInteger.ZERO, 0);
            }
            return kind == Kind.INFINITE ? this : other;
        }
        if (significand.signum() == 0) {
            return other.significand.signum() == 0 ? zero(negative && other.negative) : other;
        }
        if (other.significand.signum() == 0) {
            return this;
        }
        int e = Math.min(exponent, other.exponent);
        BigInteger a = significand.shiftLeft(exponent - e);
        BigInteger b = other.significand.shiftLeft(other.exponent - e);
        BigInteger sum = (negative ? a.negate() : a).add(other.negative ? b.negate() : b);
        if (sum.signum() == 0) {
            return ZERO;
        }
        return roundExact(sum.signum() < 0, sum.abs(), e);
    }

    /**
     * {@code this × other}, rounded once to the nearest {@code long double}, ties to even; a
     * product beyond the largest finite value is infinite, one under half the smallest subnormal a
     * signed zero. {@code 0 × inf} and anything times NaN are NaN.
     *
     * <p>Redis: {@code timeout.c}, {@code getTimeoutFromObjectOrReply} ({@code ftval * 1000.0}).
     *
     * @return the product, as the x87 unit computes it
     */
    public LongDouble multiply(LongDouble other) {
        boolean sign = negative != other.negative;
        if (kind == Kind.NAN || other.kind == Kind.NAN) {
            return new LongDouble(Kind.NAN, false, BigInteger.ZERO, 0);
        }
        if (kind == Kind.INFINITE || other.kind == Kind.INFINITE) {
            boolean zero = kind == Kind.FINITE && significand.signum() == 0
                    || other.kind == Kind.FINITE && other.significand.signum() == 0;
            return zero ? new LongDouble(Kind.NAN, false, BigInteger.ZERO, 0) : infinity(sign);
        }
        if (significand.signum() == 0 || other.significand.signum() == 0) {
            return zero(sign);
        }
        return roundExact(sign, significand.multiply(other.significand), exponent + other.exponent);
    }

    /**
     * The C expression {@code (long long) ceill(x)} as Redis 7.0 computes it on x86-64: the
     * smallest integer not below this value; one outside {@code long}'s range, an infinity or NaN
     * gives {@link Long#MIN_VALUE} (the x87's "integer indefinite"), so Redis then sees a negative
     * number. {@code -0.5} gives 0.
     *
     * <p>Redis: {@code timeout.c}, {@code getTimeoutFromObjectOrReply}.
     *
     * @return the ceiling, or {@code Long.MIN_VALUE}
     */
    public long ceilToLong() {
        if (kind != Kind.FINITE) {
            return Long.MIN_VALUE;
        }
        BigInteger ceiling;
        if (exponent >= 0) {
            ceiling = significand.shiftLeft(exponent);
        } else {
            BigInteger whole = significand.shiftRight(-exponent);         // floor of the magnitude
            boolean fraction = whole.shiftLeft(-exponent).compareTo(significand) != 0;
            ceiling = negative ? whole : (fraction ? whole.add(BigInteger.ONE) : whole);
        }
        if (negative) {
            ceiling = ceiling.negate();
        }
        return ceiling.bitLength() <= 63 ? ceiling.longValue() : Long.MIN_VALUE;
    }

    /** @return whether this is neither infinite nor NaN */
    public boolean isFinite() {
        return kind == Kind.FINITE;
    }

    /**
     * {@code (num / den) × 2^e}, rounded. The quotient is computed to at least 66 bits, with a last
     * "sticky" bit telling whether anything was left over, so that a tie is a true tie.
     */
    private static LongDouble round(boolean negative, BigInteger num, BigInteger den, int e) {
        int lowerLog2 = num.bitLength() - den.bitLength(); // num/den > 2^(lowerLog2 - 1)
        int s = SIGNIFICAND_BITS + 3 - lowerLog2;          // so that the quotient is ≥ 2^66
        BigInteger n = s >= 0 ? num.shiftLeft(s) : num;
        BigInteger d = s >= 0 ? den : den.shiftLeft(-s);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger withSticky = qr[0].shiftLeft(1).or(qr[1].signum() == 0 ? BigInteger.ZERO : BigInteger.ONE);
        return roundExact(negative, withSticky, e - s - 1);
    }

    /**
     * {@code m × 2^e} (m > 0) rounded to a 64-bit significand, or fewer bits for a subnormal;
     * infinite if it reaches 2^16384, zero if it is under half the smallest subnormal.
     */
    private static LongDouble roundExact(boolean negative, BigInteger m, int e) {
        int bits = m.bitLength();
        int resultExponent = Math.max(e + bits - SIGNIFICAND_BITS, MIN_EXPONENT);
        BigInteger q = m;
        if (resultExponent > e) {
            int shift = resultExponent - e;
            q = m.shiftRight(shift);
            BigInteger rest = m.subtract(q.shiftLeft(shift));
            int cmp = rest.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
            if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
                if (q.bitLength() > SIGNIFICAND_BITS) {
                    q = q.shiftRight(1);
                    resultExponent++;
                }
            }
        } else {
            resultExponent = e;
        }
        if (q.signum() == 0) {
            return zero(negative);
        }
        if ((long) q.bitLength() + resultExponent > MAX_BITS) {
            return infinity(negative);
        }
        return new LongDouble(Kind.FINITE, negative, q, resultExponent);
    }

    // ---------------------------------------------------------------- formatting (ld2string)

    /**
     * The value as Redis stores and replies it: {@code %.17Lf} (the exact value rounded to 17
     * decimals, ties to even), then trailing zeros and a trailing point removed, and {@code -0}
     * written {@code 0}. Examples: {@code 10.6}, {@code 3000}, {@code 0.00000381469726562}
     * (2<sup>-18</sup>, a tie rounded to even), {@code 0} (for {@code 1e-20}).
     *
     * <p>Redis: {@code util.c}, {@code ld2string} with {@code LD_STR_HUMAN}. Its 5 KiB buffer
     * always suffices: the largest finite value has 4933 digits.
     *
     * @throws IllegalStateException if the value is not finite (Redis refuses to store it)
     */
    public String toHumanString() {
        if (kind != Kind.FINITE) {
            throw new IllegalStateException("not finite: " + kind);
        }
        String text;
        if (exponent >= 0) {
            text = significand.shiftLeft(exponent).toString(); // an integer: the decimals are all zeros
        } else {
            BigInteger scaled = significand.multiply(TEN_TO_DECIMALS);
            int shift = -exponent;
            BigInteger q = scaled.shiftRight(shift);
            BigInteger rest = scaled.subtract(q.shiftLeft(shift));
            int cmp = rest.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
            if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            BigInteger[] parts = q.divideAndRemainder(TEN_TO_DECIMALS);
            String decimals = parts[1].toString();
            decimals = "0".repeat(DECIMALS - decimals.length()) + decimals;
            int end = decimals.length();
            while (end > 0 && decimals.charAt(end - 1) == '0') {
                end--;
            }
            text = end == 0 ? parts[0].toString() : parts[0] + "." + decimals.substring(0, end);
        }
        if (negative && !text.equals("0")) {
            return "-" + text;
        }
        return text; // "-0.00000000000000000" trims to "-0", which Redis writes "0"
    }

    @Override
    public String toString() {
        return kind == Kind.FINITE ? toHumanString() : (kind == Kind.NAN ? "nan" : (negative ? "-inf" : "inf"));
    }
}
