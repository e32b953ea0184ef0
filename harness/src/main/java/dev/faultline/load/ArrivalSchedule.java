package dev.faultline.load;

import dev.faultline.scenario.LoadSpec.RateStep;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The intended send times of one open-loop arrival stream, rate steps switching at their {@code at}.
 *
 * <p>With constant intervals every time is computed from the stream's start ({@code step start + k ×
 * interval}), never by adding intervals up, so the schedule cannot drift however long it runs. With
 * Poisson arrivals each gap is an exponential draw at the rate in force; a gap that would cross a
 * step is redrawn from the step's start at the new rate, which the exponential's lack of memory makes
 * exact. Not threadsafe: one pacer thread owns it.
 */
final class ArrivalSchedule {
    /** Returned by {@link #next()} when the stream has no more arrivals before its end. */
    static final long DONE = Long.MAX_VALUE;

    private final long[] stepStartNanos;
    private final double[] intervalNanos;
    private final long offsetNanos;
    private final long endNanos;
    /** Draws the Poisson gaps; null for constant intervals. */
    private final SplittableRandom random;
    private int step;
    private long index;
    private long upcoming;

    /**
     * A schedule with constant intervals.
     *
     * @param steps       rate steps; the first at 0
     * @param offsetNanos shifts every arrival within a step (staggers streams that share a rate);
     *                    must be below the shortest interval
     * @param endNanos    no arrival at or after this time (relative to the stream's start)
     */
    ArrivalSchedule(List<RateStep> steps, long offsetNanos, long endNanos) {
        this(steps, offsetNanos, endNanos, null);
    }

    private ArrivalSchedule(List<RateStep> steps, long offsetNanos, long endNanos, SplittableRandom random) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an arrival schedule needs at least one rate step");
        }
        this.stepStartNanos = new long[steps.size()];
        this.intervalNanos = new double[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            stepStartNanos[i] = steps.get(i).at().toNanos();
            intervalNanos[i] = steps.get(i).rate().intervalNanos();
        }
        this.offsetNanos = offsetNanos;
        this.endNanos = endNanos;
        this.random = random;
        this.upcoming = random == null ? compute() : drawFrom(stepStartNanos[0]);
    }

    /**
     * A schedule of Poisson arrivals: exponential gaps with mean {@code 1/rate}, drawn from {@code random}.
     *
     * @param endNanos no arrival at or after this time (relative to the stream's start)
     */
    static ArrivalSchedule poisson(List<RateStep> steps, long endNanos, SplittableRandom random) {
        return new ArrivalSchedule(steps, 0, endNanos, random);
    }

    /** The next intended send time (nanos from the stream's start) without consuming it; {@link #DONE} at the end. */
    long peek() {
        return upcoming;
    }

    /** Consumes and returns the next intended send time; {@link #DONE} at the end. */
    long next() {
        long t = upcoming;
        if (t != DONE) {
            index++;
            upcoming = random == null ? compute() : drawFrom(t);
        }
        return t;
    }

    // Offsets are compared before they are added, so a rate so low that its interval overflows a long
    // ends the stream instead of wrapping time around.
    private long compute() {
        while (true) {
            long base = stepStartNanos[step] + offsetNanos;
            double since = index * intervalNanos[step];
            if (step + 1 < stepStartNanos.length && since >= stepStartNanos[step + 1] - base) {
                step++;
                index = 0;
                continue;
            }
            return since < endNanos - base ? base + (long) since : DONE;
        }
    }

    private long drawFrom(long from) {
        while (true) {
            // 1 - u is in (0, 1], so the logarithm is finite.
            double gap = -Math.log(1.0 - random.nextDouble()) * intervalNanos[step];
            if (step + 1 < stepStartNanos.length && gap >= stepStartNanos[step + 1] - from) {
                step++;
                from = stepStartNanos[step];
                continue;
            }
            return gap < endNanos - from ? from + (long) gap : DONE;
        }
    }

    /** How many arrivals the schedule asks for in [0, end): the rate integrated over time, for reports. */
    static double asked(List<RateStep> steps, long endNanos) {
        double total = 0;
        for (int i = 0; i < steps.size(); i++) {
            long from = Math.min(endNanos, steps.get(i).at().toNanos());
            long to = i + 1 < steps.size() ? Math.min(endNanos, steps.get(i + 1).at().toNanos()) : endNanos;
            total += Math.max(0, to - from) / 1e9 * steps.get(i).rate().perSecond();
        }
        return total;
    }
}
