package dev.faultline.report.internal;

import dev.faultline.report.Series;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's series with the stacked ones summed bin by bin: each stacked series' band runs from the
 * sum of the stacked series before it to that sum plus its own value. A bin a series has no data for
 * (NaN) is a gap in its band and adds nothing to the bands above.
 */
final class StackedValues {

    private final List<Series> series;
    private final List<double[]> lower = new ArrayList<>();
    private final double min;
    private final double max;
    private final double positiveMin;

    private StackedValues(List<Series> series) {
        this.series = series;
        int bins = series.stream().filter(Series::stacked).mapToInt(s -> s.values().size()).max().orElse(0);
        double[] sum = new double[bins];
        double lo = 0;
        double hi = 0;
        double positive = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            double[] base = s.stacked() ? sum.clone() : new double[0];
            lower.add(base);
            for (int bin = 0; bin < s.values().size(); bin++) {
                double v = s.values().get(bin);
                if (!Double.isFinite(v)) {
                    continue;
                }
                double top = s.stacked() ? sum[bin] + v : v;
                if (s.stacked()) {
                    sum[bin] = top;
                }
                lo = Math.min(lo, top);
                hi = Math.max(hi, top);
                if (v > 0) {
                    positive = Math.min(positive, v);
                }
            }
        }
        this.min = lo;
        this.max = hi;
        this.positiveMin = positive;
    }

    static StackedValues of(List<Series> series) {
        return new StackedValues(series);
    }

    /** The lowest value drawn, 0 unless a value is negative. */
    double min() {
        return min;
    }

    /** The highest value drawn: the tallest stack or line. */
    double max() {
        return max;
    }

    /** The smallest positive value of any series, or 0 when there is none (the bottom of a log axis). */
    double positiveMin() {
        return Double.isInfinite(positiveMin) ? 0 : positiveMin;
    }

    /** The bottom of series {@code index}'s band in a bin. */
    double lower(int index, int bin) {
        double[] base = lower.get(index);
        return bin < base.length ? base[bin] : 0;
    }

    /** The top of series {@code index}'s band in a bin. */
    double upper(int index, int bin) {
        return lower(index, bin) + series.get(index).values().get(bin);
    }

    /** The runs of consecutive bins with data of series {@code index}, as {@code [from, to)} pairs. */
    List<int[]> runs(int index) {
        List<Double> values = series.get(index).values();
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int bin = 0; bin <= values.size(); bin++) {
            boolean data = bin < values.size() && Double.isFinite(values.get(bin));
            if (data && start < 0) {
                start = bin;
            } else if (!data && start >= 0) {
                runs.add(new int[] {start, bin});
                start = -1;
            }
        }
        return runs;
    }
}
