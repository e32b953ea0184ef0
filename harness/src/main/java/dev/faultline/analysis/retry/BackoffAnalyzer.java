package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.Percentile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the backoff between attempts: the gaps {@code d_n = t(attempt n+1) - t(response n end)},
 * their shape, and their jitter. Pure.
 *
 * <h2>Shape</h2>
 * The shape is read from the mean n-th gap {@code g_n} of every retry number that at least a quarter
 * as many calls reached as reached the first retry (a few calls that happened to retry further do not
 * decide it). Gap levels whose 90th percentile is under {@value #IMMEDIATE_MILLIS} ms are immediate;
 * immediate levels at the start are counted ({@link BackoffMeasurement#leadingImmediate()}) and the
 * shape is read from the rest. A level {@code g} fits a predicted {@code p} when
 * {@code |g - p| <= 15 % of p + 2 standard errors of g + 20 ms}. Then, in order:
 * <ol>
 *   <li>every level immediate: {@link BackoffShape.None};</li>
 *   <li>one level: {@link BackoffShape.Single};</li>
 *   <li>every level fits their mean: {@link BackoffShape.Constant};</li>
 *   <li>a least-squares fit of {@code log g_n} (exponential, factor at least 1.25) or of {@code g_n}
 *       (linear, positive step) fits every level: {@link BackoffShape.Exponential} or
 *       {@link BackoffShape.Linear}, the one with the smaller relative squared error;</li>
 *   <li>a growing prefix of at least two levels (as in 4) followed by at least two levels that fit
 *       their mean, no lower than the prefix's last: {@link BackoffShape.Capped};</li>
 *   <li>otherwise {@link BackoffShape.Irregular}.</li>
 * </ol>
 *
 * <h2>Jitter</h2>
 * Judged per retry level by {@link JitterAnalyzer}.
 */
public final class BackoffAnalyzer {
    /**
     * A gap level is immediate when 90 % of its gaps are shorter than this: the analysis's resolution,
     * the same 100 ms as a {@code max-sync} bin. A client's own scheduling noise (a busy machine, a
     * connection pool) spreads even instant retries over tens of milliseconds, and spreading finer
     * than a bin does not unbunch retries anyway.
     */
    public static final double IMMEDIATE_SECONDS = 0.100;
    static final long IMMEDIATE_MILLIS = 100;
    /** Relative part of the tolerance a level must fit a shape within. */
    static final double RELATIVE_TOLERANCE = 0.15;
    /** Absolute part of the tolerance (timer and scheduling noise). */
    static final double ABSOLUTE_TOLERANCE_SECONDS = 0.020;
    /** The least factor read as exponential growth. */
    static final double MIN_GROWTH_FACTOR = 1.25;

    private BackoffAnalyzer() {
    }

    /** @param calls the calls judged, with their retries; jitter against the fixed noise floor */
    public static BackoffMeasurement measure(MeasuredCalls calls) {
        return measure(calls, MachineNoise.none());
    }

    /**
     * @param calls the calls judged, with their retries
     * @param noise the machine's timer noise measured during the run (the jitter rule's floor)
     */
    public static BackoffMeasurement measure(MeasuredCalls calls, MachineNoise noise) {
        // Retry n of a call exists only if retry n - 1 does, so the numbers run 1, 2, ... without holes.
        // Counted per number first, so that each level's retries (indexes, in arrival order) are one array.
        int retries = calls.retryCount();
        AttemptColumns attempts = calls.attempts();
        int[] perNumber = new int[1];
        long afterRetryAfter = 0;
        for (int r = 0; r < retries; r++) {
            int number = calls.retryNumber(r);
            if (number > perNumber.length) {
                perNumber = Arrays.copyOf(perNumber, Math.max(number, perNumber.length * 2));
            }
            perNumber[number - 1]++;
            if (attempts.retryAfter(calls.retryPrevious(r)) >= 0) {
                afterRetryAfter++;
            }
        }
        int numbers = 0;
        while (numbers < perNumber.length && perNumber[numbers] > 0) {
            numbers++;
        }
        int[][] byNumber = new int[numbers][];
        for (int n = 0; n < numbers; n++) {
            byNumber[n] = new int[perNumber[n]];
            perNumber[n] = 0;
        }
        for (int r = 0; r < retries; r++) {
            int n = calls.retryNumber(r) - 1;
            byNumber[n][perNumber[n]++] = r;
        }
        List<GapStats> gaps = new ArrayList<>();
        for (int n = 1; n <= numbers; n++) {
            gaps.add(stats(n, calls, byNumber[n - 1], noise));
        }

        long callsRetried = numbers == 0 ? 0 : byNumber[0].length;

        JitterMeasurement jitter = new JitterMeasurement(gaps.stream().map(GapStats::jitter).toList());

        List<GapStats> levels = levels(gaps);
        int leadingImmediate = 0;
        while (leadingImmediate < levels.size() && levels.get(leadingImmediate).immediate()) {
            leadingImmediate++;
        }
        BackoffShape shape = leadingImmediate == levels.size()
                ? new BackoffShape.None()
                : shape(levels.subList(leadingImmediate, levels.size()));
        return new BackoffMeasurement(gaps, leadingImmediate, shape, jitter, callsRetried, retries,
                afterRetryAfter);
    }

    /** The gap levels the shape is read from: those reached by at least a quarter of the calls that retried. */
    private static List<GapStats> levels(List<GapStats> gaps) {
        int most = gaps.stream().mapToInt(GapStats::samples).max().orElse(0);
        int enough = Math.max(1, (int) Math.ceil(most / 4.0));
        List<GapStats> levels = new ArrayList<>();
        for (GapStats g : gaps) {
            if (g.samples() < enough) {
                break;
            }
            levels.add(g);
        }
        return levels;
    }

    private static GapStats stats(int number, MeasuredCalls calls, int[] level, MachineNoise noise) {
        int n = level.length;
        AttemptColumns attempts = calls.attempts();
        double[] gaps = new double[n];
        int afterRetryAfter = 0;
        for (int i = 0; i < n; i++) {
            int r = level[i];
            gaps[i] = calls.gapNanos(r) / 1e9;
            if (attempts.retryAfter(calls.retryPrevious(r)) >= 0) {
                afterRetryAfter++;
            }
        }
        Arrays.sort(gaps);
        double mean = Arrays.stream(gaps).average().orElse(0);
        double ss = 0;
        for (double g : gaps) {
            ss += (g - mean) * (g - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double p90 = Percentile.interpolated(gaps, 0.9);

        LevelJitter jitter = JitterAnalyzer.level(number, calls, level, p90 < IMMEDIATE_SECONDS, noise);
        return new GapStats(number, n, mean, Percentile.interpolated(gaps, 0.5), p90, gaps[0], gaps[n - 1], sd, afterRetryAfter, jitter);
    }

    static BackoffShape shape(List<GapStats> levels) {
        if (levels.size() == 1) {
            return new BackoffShape.Single(levels.get(0).meanSeconds());
        }
        double mean = levels.stream().mapToDouble(GapStats::meanSeconds).average().orElse(0);
        if (fitsConstant(levels, mean)) {
            return new BackoffShape.Constant(mean);
        }
        BackoffShape growth = growth(levels);
        if (growth != null) {
            return growth;
        }
        for (int k = levels.size() - 2; k >= 2; k--) {
            List<GapStats> prefix = levels.subList(0, k);
            List<GapStats> plateau = levels.subList(k, levels.size());
            double cap = plateau.stream().mapToDouble(GapStats::meanSeconds).average().orElse(0);
            GapStats last = prefix.get(prefix.size() - 1);
            BackoffShape prefixGrowth = growth(prefix);
            if (prefixGrowth != null && fitsConstant(plateau, cap) && cap >= last.meanSeconds() - tolerance(last, last.meanSeconds())) {
                return new BackoffShape.Capped(prefixGrowth, cap);
            }
        }
        return new BackoffShape.Irregular();
    }

    private static boolean fitsConstant(List<GapStats> levels, double mean) {
        for (GapStats g : levels) {
            if (Math.abs(g.meanSeconds() - mean) > tolerance(g, mean)) {
                return false;
            }
        }
        return true;
    }

    /** Exponential or linear growth that fits every level, the better of the two; null if neither fits. */
    private static BackoffShape growth(List<GapStats> levels) {
        int n = levels.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] logY = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = levels.get(i).meanSeconds();
            logY[i] = Math.log(Math.max(y[i], 1e-3));
        }
        double[] exp = leastSquares(x, logY);
        double first = Math.exp(exp[0]);
        double factor = Math.exp(exp[1]);
        double[] expPredicted = new double[n];
        for (int i = 0; i < n; i++) {
            expPredicted[i] = first * Math.pow(factor, i);
        }
        double[] lin = leastSquares(x, y);
        double[] linPredicted = new double[n];
        for (int i = 0; i < n; i++) {
            linPredicted[i] = lin[0] + lin[1] * i;
        }
        boolean expFits = factor >= MIN_GROWTH_FACTOR && fits(levels, expPredicted);
        boolean linFits = lin[1] > 0 && lin[0] > 0 && fits(levels, linPredicted);
        if (n == 2 && expFits) {
            return new BackoffShape.Exponential(first, factor, n);
        }
        if (expFits && (!linFits || error(y, expPredicted) <= error(y, linPredicted))) {
            return new BackoffShape.Exponential(first, factor, n);
        }
        if (linFits) {
            return new BackoffShape.Linear(lin[0], lin[1], n);
        }
        return null;
    }

    private static boolean fits(List<GapStats> levels, double[] predicted) {
        for (int i = 0; i < levels.size(); i++) {
            if (Math.abs(levels.get(i).meanSeconds() - predicted[i]) > tolerance(levels.get(i), predicted[i])) {
                return false;
            }
        }
        return true;
    }

    private static double tolerance(GapStats level, double predicted) {
        return RELATIVE_TOLERANCE * Math.abs(predicted) + 2 * level.standardErrorSeconds() + ABSOLUTE_TOLERANCE_SECONDS;
    }

    private static double error(double[] y, double[] predicted) {
        double e = 0;
        for (int i = 0; i < y.length; i++) {
            double rel = (y[i] - predicted[i]) / Math.max(Math.abs(predicted[i]), 1e-3);
            e += rel * rel;
        }
        return e;
    }

    /** Intercept and slope of the least-squares line through the points. */
    private static double[] leastSquares(double[] x, double[] y) {
        int n = x.length;
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }
}
