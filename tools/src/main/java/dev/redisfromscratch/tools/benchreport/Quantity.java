package dev.redisfromscratch.tools.benchreport;

import java.util.Locale;

/**
 * Writes scores for people: three significant digits with an SI prefix ({@code 31.2 M}), and the
 * error in the same prefix and decimals ({@code 31.2 ± 0.4 M}), so the two can be compared at a
 * glance.
 */
public final class Quantity {
    private static final String[] PREFIXES = {"", " k", " M", " G", " T"};

    private Quantity() {
    }

    /** @return {@code score ± error} with a shared prefix; {@code ± ?} when the error is NaN */
    public static String withError(double score, double error) {
        int power = power(score);
        double scale = Math.pow(1000, power);
        int decimals = decimals(score / scale);
        String err = Double.isNaN(error) ? "?" : format(error / scale, decimals);
        return format(score / scale, decimals) + " ± " + err + PREFIXES[power];
    }

    /** @return the value alone, e.g. {@code 845 k} */
    public static String of(double value) {
        int power = power(value);
        double scaled = value / Math.pow(1000, power);
        return format(scaled, decimals(scaled)) + PREFIXES[power];
    }

    /**
     * @return a ratio to three significant digits and its error in the same decimals, e.g.
     *     {@code 1.26× ± 0.05} or {@code 0.0147× ± 0.0010}; without the error if it is NaN
     */
    public static String ratio(SpeedRatio ratio) {
        int decimals = decimals(ratio.value());
        String value = format(ratio.value(), decimals) + "×";
        return Double.isNaN(ratio.error()) ? value : value + " ± " + format(ratio.error(), decimals);
    }

    private static int power(double value) {
        int power = 0;
        double v = Math.abs(value);
        while (v >= 1000 && power < PREFIXES.length - 1) {
            v /= 1000;
            power++;
        }
        return power;
    }

    private static int decimals(double scaled) {
        double v = Math.abs(scaled);
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return 2;
        }
        return v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 2 + (int) Math.ceil(-Math.log10(v));
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
