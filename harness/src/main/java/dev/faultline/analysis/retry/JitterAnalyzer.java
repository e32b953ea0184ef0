package dev.faultline.analysis.retry;

import dev.faultline.analysis.AttemptColumns;
import dev.faultline.analysis.Percentile;
import dev.faultline.analysis.TimeOrder;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Judges jitter one retry level at a time. Pure.
 *
 * <p>Jitter is a property of each retry level: a client may randomise one wait and not the next, and a
 * fixed-width jitter (urllib3's {@code backoff_jitter}) is a large share of a short wait and a small
 * share of a long one. Averaging the spread over levels lets an immediate first retry or a long late
 * wait hide the jitter of the others, so each level is judged on its own.
 *
 * <p>For retry level n, calls <em>failed together</em> when their n-th response ended within
 * {@value #COHORT_SPAN_MILLIS} ms of the first of them and without a pause of {@value #COHORT_PAUSE_MILLIS}
 * ms or more between one failure and the next (a cohort: sort the n-th failures by time; each cohort
 * starts at the earliest failure not yet in one, or after such a pause). Only calls in cohorts of two or
 * more are compared, and only within their cohort, so a server's changing {@code Retry-After} or load
 * does not pass for jitter. The pause keeps apart waves of calls a client starts a few hundred ms apart:
 * a stall that delays one whole wave (a garbage collection in a client starved of CPU) is common to its
 * calls, not spread among them; merged with the next wave it looked like 150–210 ms of spread in a client
 * waiting exactly 300 ms. The level's spread is the pooled within-cohort standard deviation of its gaps; it
 * has jitter when
 * <ul>
 *   <li>it is not immediate (90 % of the gaps under 100 ms: such retries are not spread),</li>
 *   <li>its cohorts give at least {@value #MIN_DOF} degrees of freedom (else it is not judged),</li>
 *   <li>the fake upstream answered at least three quarters of the n-th failures within
 *       {@value #NOISE_FLOOR_MILLIS} ms (beyond any delay the fault planned). A response's end is
 *       stamped when the harness finishes it, so a harness slowed by its own load (a cold JVM, a busy
 *       machine) stamps it late and shortens the gap by up to that answer time; with more than a
 *       quarter of the calls blurred that much, the middle half's spread may be the harness's, and the
 *       level is not judged,</li>
 *   <li>the middle half of its calls spread over at least {@value #NOISE_FLOOR_MILLIS} ms (the
 *       interquartile range of the deviations from the cohort mean: above timer and scheduling noise,
 *       and one late call cannot widen it),</li>
 *   <li>its coefficient of variation (sd / mean) is at least {@value #MIN_CV}, the scenario format's
 *       threshold for jitter, and</li>
 *   <li>when the harness measured the machine's timer noise while the level's waits ran
 *       ({@link MachineNoise}), the interquartile range is also at least {@value #NOISE_FACTOR} × the
 *       longest oversleep measured then; else the level is not judged ({@link LevelJitter.Verdict#MACHINE_NOISE}):
 *       its spread may be the machine's. A measured gap carries two one-sided scheduling delays, the
 *       client's late wake-up and the harness's late stamp of the retry's arrival; if neither exceeds the
 *       longest oversleep M, every gap of a level without jitter lies within [planned, planned + 2M], so
 *       no two calls of a cohort differ by more than 2M and the interquartile range of their deviations
 *       is at most 2M, whatever the sample's size.
 *       A quantile of the oversleep does not bound a noise spread: a stall (a garbage collection, a burst
 *       of load) delays several calls at once, so under three busy processes on two cores half of a wave
 *       came 100 ms late while the sampler's 90th percentile was 11 ms and its longest 36 ms. A spread only
 *       ever grows with noise, so a level under {@value #MIN_CV} is still judged without jitter on a noisy
 *       machine</li>
 * </ul>
 * A client has jitter when any judged level has it; {@link JitterMeasurement} says which.
 */
public final class JitterAnalyzer {
    /** Calls whose n-th failures ended within this span of the cohort's first failed together. */
    public static final long COHORT_SPAN_NANOS = 1_000_000_000L;
    static final long COHORT_SPAN_MILLIS = 1_000;
    /**
     * A pause this long between two n-th failures ends a cohort: the analysis's resolution (a
     * {@code max-sync} bin, {@link BackoffAnalyzer#IMMEDIATE_SECONDS}).
     */
    static final long COHORT_PAUSE_NANOS = 100_000_000L;
    static final long COHORT_PAUSE_MILLIS = 100;
    /**
     * Degrees of freedom a level needs to be judged: five calls failing together. With fewer, the sample
     * standard deviation of equal jitter (CV 0.19) falls under 0.1 in more than one run in twenty.
     */
    public static final int MIN_DOF = 4;
    /** The spread of the middle half of the calls must reach this to be told from timer noise. */
    public static final double NOISE_FLOOR_SECONDS = 0.020;
    static final long NOISE_FLOOR_MILLIS = 20;
    /** The measured noise floor is this many times the longest oversleep (see the class comment). */
    public static final int NOISE_FACTOR = 2;
    /** The least coefficient of variation of a jittered level ({@code require-jitter}'s limit). */
    public static final double MIN_CV = 0.1;
    /** More than this share of slowly answered failures leaves a level unjudged (the IQR's breakdown point). */
    static final double MAX_SLOW_SHARE = 0.25;

    private JitterAnalyzer() {
    }

    /**
     * @param number    n
     * @param measured  the calls judged
     * @param level     the n-th retries of the calls that made one (indexes into {@code measured}'s retries)
     * @param immediate whether the level is immediate ({@link GapStats#immediate()})
     * @param noise     the machine's timer noise measured during the run
     */
    static LevelJitter level(int number, MeasuredCalls measured, int[] level, boolean immediate, MachineNoise noise) {
        // Columns of the level: when each retried failure ended and the gap after it, visited in the
        // order of the failures' ends.
        AttemptColumns attempts = measured.attempts();
        int size = level.length;
        long[] failed = new long[size];
        double[] gaps = new double[size];
        for (int k = 0; k < size; k++) {
            int r = level[k];
            failed[k] = attempts.endedAt(measured.retryPrevious(r));
            gaps[k] = measured.gapNanos(r) / 1e9;
        }
        int[] byFailure = TimeOrder.order(failed);
        double within = 0;
        double sum = 0;
        int dof = 0;
        double[] deviations = new double[size];
        int calls = 0;
        long earliestFailure = Long.MAX_VALUE;
        long latestRetry = Long.MIN_VALUE;
        int slow = 0;
        double slowest = 0;
        int i = 0;
        while (i < size) {
            long leader = failed[byFailure[i]];
            int j = i;
            while (j < size && failed[byFailure[j]] - leader < COHORT_SPAN_NANOS
                    && (j == i || failed[byFailure[j]] - failed[byFailure[j - 1]] < COHORT_PAUSE_NANOS)) {
                j++;
            }
            if (j - i >= 2) {
                double cohortMean = 0;
                for (int k = i; k < j; k++) {
                    cohortMean += gaps[byFailure[k]];
                }
                cohortMean /= j - i;
                for (int k = i; k < j; k++) {
                    int at = byFailure[k];
                    double d = gaps[at] - cohortMean;
                    within += d * d;
                    sum += gaps[at];
                    deviations[calls++] = d;
                    earliestFailure = Math.min(earliestFailure, failed[at]);
                    int r = level[at];
                    latestRetry = Math.max(latestRetry, attempts.at(measured.retryAttempt(r)));
                    double answer = attempts.answer(measured.retryPrevious(r)) / 1e9;
                    if (answer > NOISE_FLOOR_SECONDS) {
                        slow++;
                        slowest = Math.max(slowest, answer);
                    }
                }
                dof += j - i - 1;
            }
            i = j;
        }
        double mean = calls > 0 ? sum / calls : 0;
        double sd = dof > 0 ? Math.sqrt(within / dof) : 0;
        // Two quantiles by selection, not a sort of the level (the deviations are not read in cohort order again).
        double iqr = calls > 1
                ? Percentile.interpolatedSelecting(deviations, calls, 0.75) - Percentile.interpolatedSelecting(deviations, calls, 0.25)
                : 0;
        OptionalLong longest = calls == 0 ? OptionalLong.empty() : noise.longestOversleepNanos(earliestFailure, latestRetry);
        OptionalDouble oversleep = longest.isPresent() ? OptionalDouble.of(longest.getAsLong() / 1e9) : OptionalDouble.empty();
        double measuredFloor = NOISE_FACTOR * oversleep.orElse(0);
        LevelJitter.Verdict verdict;
        if (immediate) {
            verdict = LevelJitter.Verdict.IMMEDIATE;
        } else if (dof < MIN_DOF) {
            verdict = LevelJitter.Verdict.TOO_FEW;
        } else if (slow > MAX_SLOW_SHARE * calls) {
            verdict = LevelJitter.Verdict.UNTRUSTED;
        } else if (iqr < NOISE_FLOOR_SECONDS) {
            verdict = LevelJitter.Verdict.NOISE;
        } else if (mean <= 0 || sd / mean < MIN_CV) {
            verdict = LevelJitter.Verdict.NARROW;
        } else if (iqr < measuredFloor) {
            verdict = LevelJitter.Verdict.MACHINE_NOISE;
        } else {
            verdict = LevelJitter.Verdict.JITTER;
        }
        return new LevelJitter(number, calls, dof, mean, sd, iqr, slow, slowest, oversleep, verdict);
    }
}
