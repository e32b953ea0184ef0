package dev.faultline.analysis;

import org.apache.commons.math3.distribution.BinomialDistribution;

import dev.faultline.report.Numbers;

import java.util.Locale;

/**
 * Whether the harness was late on more of its deliveries (injected delays, load sends) than a
 * healthy machine would be, judged so that small samples are safe too. Pure.
 *
 * <p>A healthy machine is allowed to be late on up to a {@link #tolerated} share of its deliveries
 * (a cold first timer, one GC pause, a context switch). The harness calls itself untrustworthy only
 * when the late count is both at least {@link #MIN_LATE} and so high that a machine late on exactly
 * the tolerated share would show that many or more with probability below {@link #FALSE_ALARM}: a
 * one-sided binomial test, {@code P(X >= late) < 0.001} for {@code X ~ Binomial(total, tolerated)}.
 * So a healthy machine cries "overloaded" at most once in a thousand runs, whatever the sample size;
 * with 1 % tolerated, 3 of 10 deliveries are needed (30 %), 4 of 21 (19 %), 5 of 50 (10 %), 22 of 1,000
 * (2.2 %), 133 of 10,000 (1.3 %). A percentile could not do this: with 21 samples p99 is the maximum, and
 * one late delivery would decide the run.
 *
 * <p>Limit: the test treats deliveries as independent. One stall delays every timer due during it,
 * so at high rates one pause counts several times; the tolerated share and the minimum absorb short
 * pauses, and a pause long enough to make a significant share late did change the run.
 *
 * @param late      deliveries late by more than the limit of the rule using this
 * @param total     all deliveries
 * @param tolerated share, 0..1, a healthy machine may be late on
 */
public record LateShare(long late, long total, double tolerated) {
    /** The most a healthy machine may be told it lagged: once in a thousand runs. */
    public static final double FALSE_ALARM = 0.001;
    /** Fewer late deliveries than this never make a run inconclusive, whatever the share. */
    public static final long MIN_LATE = 3;

    public LateShare {
        if (late < 0 || total < late) {
            throw new IllegalArgumentException("late must be 0.." + total + " but was " + late);
        }
        if (!(tolerated > 0 && tolerated < 1)) {
            throw new IllegalArgumentException("tolerated must be between 0 and 1 but was " + tolerated);
        }
    }

    /** The chance that a machine late on exactly the tolerated share shows this many late or more. */
    public double pValue() {
        if (late == 0) {
            return 1;
        }
        // Journals are capped far below 2^31 events; a larger count is clamped, which only makes the test stricter.
        int trials = (int) Math.min(Integer.MAX_VALUE, total);
        int k = (int) Math.min(trials, late);
        return 1 - new BinomialDistribution(null, trials, tolerated).cumulativeProbability(k - 1);
    }

    /** True when the late share is significantly above the tolerated one. */
    public boolean excessive() {
        return late >= MIN_LATE && pValue() < FALSE_ALARM;
    }

    /** The late share, 0..1 (0 without deliveries). */
    public double share() {
        return total == 0 ? 0 : (double) late / total;
    }

    /**
     * The test in words, for an explanation: {@code at most 1 % may be late, and a machine within that
     * shows 4 or more of 21 with
     * probability 5.2e-05 (the rule needs at least 3 late and a probability below 0.001)}.
     */
    public String reasoning() {
        double p = pValue();
        // 1 - cdf cannot resolve probabilities this small, and "0.0" would claim certainty.
        String probability = p < 1e-12 ? "below 1e-12" : String.format(Locale.ROOT, "%.2g", p);
        return String.format(Locale.ROOT, "at most %s may be, and a machine within that shows %d or more of %d with"
                        + " probability %s (the rule needs at least %d late and a probability below %s)",
                Numbers.percent(tolerated), late, total, probability, MIN_LATE, FALSE_ALARM);
    }
}
