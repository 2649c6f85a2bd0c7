package dev.kplay.userland.bin;

import java.math.BigDecimal;
import java.math.RoundingMode;

/*
 * gnulib's human_readable() as coreutils' dd calls it (human_autoscale | human_round_to_nearest |
 * human_space_before_unit | human_SI | human_B, with or without human_base_1024): an amount of
 * n * from / to, scaled to the largest power of the base it reaches, with one decimal below 10
 * ("1.0 kB", "3.1 MB", "37.0 MB/s" with base 1000; "1.0 KiB", "3.0 MiB", "12 KiB" with 1024).
 * Exact amounts go through integer arithmetic with tenths and a rounding state, as gnulib's do;
 * the others (a rate) through floating point, which divides by the base at least once, so a
 * rate under 1000 B/s reads "0.2 kB/s" as dd prints it.
 */

/** Sizes and rates as coreutils prints them. */
final class HumanReadable {
    private static final String POWERS = " KMGTPEZY";

    private HumanReadable() {}

    static String format(long n, long from, long to, boolean iec) {
        int base = iec ? 1024 : 1000;
        int maxExp = POWERS.length() - 1;
        if (to <= from && from % to == 0 && n <= Long.MAX_VALUE / (from / to)) {
            return exact(n * (from / to), 0, 0, base, iec);
        }
        if (to > from && to % from == 0) {
            long divisor = to / from;
            long r10 = n % divisor * 10;
            long r2 = r10 % divisor * 2;
            return exact(n / divisor, (int) (r10 / divisor), r2 < divisor ? (r2 > 0 ? 1 : 0) : 2 + (divisor < r2 ? 1 : 0),
                    base, iec);
        }
        double amount = n * ((double) from / to);
        double e = 1;
        int exponent = 0;
        do {
            e *= base;
            exponent++;
        } while (e * base <= amount && exponent < maxExp);
        amount /= e;
        String s = oneDecimal(amount);
        if (1 + 2 + (iec ? 0 : 1) < s.length()) {
            s = new BigDecimal(amount * 10 / 10).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
        }
        return s + unit(exponent, iec);
    }

    /** %.1f of a double, as glibc rounds its exact binary value. */
    private static String oneDecimal(double v) {
        return new BigDecimal(v).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** gnulib's integer path: amt.tenths with rounding 0 (exact), 1 (< .05), 2 (= .05), 3 (> .05). */
    private static String exact(long amt, int tenths, int rounding, int base, boolean iec) {
        int exponent = 0;
        String decimal = "";
        if (Long.compareUnsigned(base, amt) <= 0) {
            do {
                int r10 = (int) (amt % base) * 10 + tenths;
                int r2 = r10 % base * 2 + (rounding >> 1);
                amt /= base;
                tenths = r10 / base;
                rounding = r2 < base ? (r2 + rounding != 0 ? 1 : 0) : 2 + (base < r2 + rounding ? 1 : 0);
                exponent++;
            } while (base <= amt && exponent < POWERS.length() - 1);
            if (amt < 10) {
                if (2 < rounding + (tenths & 1)) {
                    tenths++;
                    rounding = 0;
                    if (tenths == 10) {
                        amt++;
                        tenths = 0;
                    }
                }
                if (amt < 10) {
                    decimal = "." + tenths;
                    tenths = 0;
                    rounding = 0;
                }
            }
        }
        if (5 < tenths + (0 < rounding + (amt & 1) ? 1 : 0)) {
            amt++;
            if (amt == base && exponent < POWERS.length() - 1) {
                exponent++;
                decimal = ".0";
                amt = 1;
            }
        }
        return amt + decimal + unit(exponent, iec);
    }

    private static String unit(int exponent, boolean iec) {
        if (exponent == 0) {
            return " B";
        }
        char letter = !iec && exponent == 1 ? 'k' : POWERS.charAt(exponent);
        return " " + letter + (iec ? "iB" : "B");
    }
}
