package dev.faultline.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chart axis: a value range and a tick step of 1, 2 or 5 times a power of ten, so tick labels are
 * round numbers a reader can interpolate between.
 *
 * @param min  the axis's lowest value
 * @param max  the axis's highest value
 * @param step the distance between ticks
 */
public record NiceScale(double min, double max, double step) implements Axis {

    /** An axis widened to round numbers that covers {@code [lo, hi]} with about {@code ticks} ticks. */
    public static NiceScale covering(double lo, double hi, int ticks) {
        double[] range = nonEmpty(lo, hi);
        double step = stepFor(range[0], range[1], ticks);
        return new NiceScale(Math.floor(range[0] / step) * step, Math.ceil(range[1] / step) * step, step);
    }

    /** An axis exactly from {@code lo} to {@code hi}, with round ticks inside it. */
    public static NiceScale exact(double lo, double hi, int ticks) {
        double[] range = nonEmpty(lo, hi);
        return new NiceScale(range[0], range[1], stepFor(range[0], range[1], ticks));
    }

    /** The tick values from min to max. */
    @Override
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        for (long i = first; i <= last; i++) {
            // Multiplying (rather than adding step repeatedly) keeps 0.1 + 0.2 drift out of the labels.
            ticks.add(i * step);
        }
        return ticks;
    }

    /** Where a value falls on the axis, 0 at min and 1 at max. */
    @Override
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /** A tick label with as many decimals as the step needs, large values shortened ({@code 12k}). */
    @Override
    public String label(double value) {
        double largest = Math.max(Math.abs(min), Math.abs(max));
        if (largest >= 1e6 && step >= 1e5) {
            return decimal(value / 1e6, step / 1e6) + "M";
        }
        if (largest >= 1e4 && step >= 100) {
            return decimal(value / 1e3, step / 1e3) + "k";
        }
        return decimal(value, step);
    }

    private static String decimal(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.matches("-0(\\.0+)?") ? text.substring(1) : text;
    }

    private static double[] nonEmpty(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new double[] {0, 1};
        }
        if (hi > lo) {
            return new double[] {lo, hi};
        }
        double pad = lo == 0 ? 1 : Math.abs(lo) / 2;
        return new double[] {lo - (lo == 0 ? 0 : pad), hi + pad};
    }

    private static double stepFor(double lo, double hi, int ticks) {
        double rough = (hi - lo) / Math.max(1, ticks - 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        // Rounded (Heckbert's "nice numbers"), not ceiled: ceiling 103 to 200 would halve the ticks.
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * magnitude;
    }
}
