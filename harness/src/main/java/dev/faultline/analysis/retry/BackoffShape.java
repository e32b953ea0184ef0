package dev.faultline.analysis.retry;

/**
 * How a client's backoff gaps grow from one retry to the next, classified from the mean n-th gaps
 * (see {@link BackoffAnalyzer} for the rules and tolerances).
 */
public sealed interface BackoffShape {

    /** Every retry came at once: no backoff. */
    record None() implements BackoffShape {
    }

    /** Only one gap level was seen (calls retried once), so growth cannot be told. */
    record Single(double seconds) implements BackoffShape {
    }

    /** The same gap every time. */
    record Constant(double seconds) implements BackoffShape {
    }

    /**
     * Gaps grow by a fixed step: {@code first + step * (n - 1)}.
     *
     * @param gaps how many gap levels the fit rests on
     */
    record Linear(double firstSeconds, double stepSeconds, int gaps) implements BackoffShape {
    }

    /**
     * Gaps grow by a fixed factor: {@code first * factor^(n - 1)}.
     *
     * @param gaps how many gap levels the fit rests on; with 2 the growth could as well be linear
     */
    record Exponential(double firstSeconds, double factor, int gaps) implements BackoffShape {
    }

    /**
     * Gaps grow ({@link Linear} or {@link Exponential}) and then stay at a ceiling.
     *
     * @param growth     the growth before the ceiling
     * @param capSeconds the ceiling
     */
    record Capped(BackoffShape growth, double capSeconds) implements BackoffShape {
    }

    /** The gaps follow none of the shapes above. */
    record Irregular() implements BackoffShape {
    }
}
