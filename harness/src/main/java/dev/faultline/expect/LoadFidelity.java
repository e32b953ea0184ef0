package dev.faultline.expect;

import dev.faultline.analysis.LoadStats;

import java.util.Optional;

/**
 * Whether the load ran to its schedule, and so whether checks judged against it can be trusted.
 *
 * <p>Latency is measured from each request's intended send time, so the driver's own lag can only
 * make it look <em>worse</em>: a latency check that passes stands, and one that fails is re-judged
 * from the moment each request was actually sent; if it would pass that way, the driver's lag may be
 * what failed it, and the check is inconclusive. Checks of the load's success (success rate, and
 * readiness against the load's truth) need the requests to arrive when they were meant to: with a
 * send lag p99 above {@link #MAX_LAG_P99_NANOS} (a tenth of a truth slice) they are inconclusive.
 */
public final class LoadFidelity {
    /** Send lag p99 above this makes checks of the load's success inconclusive. */
    public static final long MAX_LAG_P99_NANOS = 100_000_000L;

    private LoadFidelity() {
    }

    /** Why the load's success cannot be trusted, or empty when it ran close enough to its schedule. */
    public static Optional<String> problem(LoadStats.Percentiles lag) {
        if (lag.count() == 0 || lag.p99Nanos() <= MAX_LAG_P99_NANOS) {
            return Optional.empty();
        }
        return Optional.of("the load driver fell behind its schedule (send lag p99 " + msText(lag.p99Nanos()) + ", max "
                + msText(lag.maxNanos()) + "; at most " + msText(MAX_LAG_P99_NANOS)
                + " keeps requests in their 1 s slice), so the load did not arrive when it was meant to");
    }

    /** Nanoseconds as milliseconds for people: {@code 12.5 ms}. */
    public static String msText(long nanos) {
        return Checks.number(nanos / 1e6) + " ms";
    }

    /** Nanoseconds as seconds for people: {@code 1.25 s}. */
    public static String secondsText(long nanos) {
        return Checks.number(nanos / 1e9) + " s";
    }
}
