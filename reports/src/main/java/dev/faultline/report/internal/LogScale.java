package dev.faultline.report.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic value axis from one power of ten to another, for latencies: a 5 ms baseline and a
 * 5 s stall both stay readable on one chart, where a linear axis flattens the baseline to the floor.
 * Values at or below the bottom (including zero) are drawn on the bottom edge.
 *
 * @param minExponent the bottom is {@code 10^minExponent}
 * @param maxExponent the top is {@code 10^maxExponent}, above the bottom
 */
public record LogScale(int minExponent, int maxExponent) implements Axis {

    // Beyond this many decades, 2 and 5 between the powers of ten would crowd the labels.
    private static final int DECADES_WITH_STEPS = 2;

    public LogScale {
        if (maxExponent <= minExponent) {
            throw new IllegalArgumentException("a log scale needs its top above its bottom, got 1e" + minExponent + " to 1e" + maxExponent);
        }
    }

    /**
     * The decades covering the positive values in {@code [lo, hi]}; {@code lo} at or below zero (a log
     * axis has no zero) starts the axis a thousandth below {@code hi}, where the eye cannot tell it from zero.
     */
    public static LogScale covering(double lo, double hi) {
        if (!(hi > 0) || !Double.isFinite(hi)) {
            return new LogScale(0, 1);
        }
        int top = (int) Math.ceil(Math.log10(hi) - 1e-9);
        int bottom = lo > 0 && Double.isFinite(lo) ? (int) Math.floor(Math.log10(lo) + 1e-9) : top - 3;
        return new LogScale(Math.min(bottom, top - 1), top);
    }

    @Override
    public List<Double> ticks() {
        boolean steps = maxExponent - minExponent <= DECADES_WITH_STEPS;
        List<Double> ticks = new ArrayList<>();
        for (int e = minExponent; e <= maxExponent; e++) {
            ticks.add(power(e, 1));
            if (steps && e < maxExponent) {
                ticks.add(power(e, 2));
                ticks.add(power(e, 5));
            }
        }
        return ticks;
    }

    @Override
    public double fraction(double value) {
        if (!(value > 0)) {
            return 0;
        }
        double f = (Math.log10(value) - minExponent) / (maxExponent - minExponent);
        return Math.max(0, f);
    }

    /** The tick as a plain decimal ({@code 0.01}, {@code 200}), thousands shortened ({@code 5k}). */
    @Override
    public String label(double value) {
        if (value >= 1e6) {
            return plain(value / 1e6) + "M";
        }
        if (value >= 1e3) {
            return plain(value / 1e3) + "k";
        }
        return plain(value);
    }

    private static double power(int exponent, int mantissa) {
        // Through BigDecimal, so 10^-2 is 0.01 and not 0.010000000000000002.
        return BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).doubleValue();
    }

    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
