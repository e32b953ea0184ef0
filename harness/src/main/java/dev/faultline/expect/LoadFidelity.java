package dev.faultline.expect;

import dev.faultline.analysis.LateShare;
import dev.faultline.analysis.LoadStats;
import dev.faultline.journal.LoadResult;
import dev.faultline.report.Numbers;

import java.util.Optional;

/**
 * Whether the load ran to its schedule, and so whether checks judged against it can be trusted.
 *
 * <p>Latency is measured from each request's intended send time, so the driver's own lag can only
 * make it look <em>worse</em>: a latency check that passes stands, and one that fails is re-judged
 * from the moment each request was actually sent; if it would pass that way, the driver's lag may be
 * what failed it, and the check is inconclusive. Checks of the load's success (success rate, and
 * readiness against the load's truth) leave out requests sent more than
 * {@link #LATE_NANOS} late, which saw the target at another moment than they stand
 * for; when significantly more than {@link #MAX_LATE_SHARE} of the requests were that late (a
 * one-sided binomial test, see {@link LateShare}: 2 late of 20 is chance, 6 of 20 is not), they are
 * inconclusive.
 */
public final class LoadFidelity {
    /** The share of late requests a healthy machine may show; significantly more makes checks of the load's success inconclusive. */
    public static final double MAX_LATE_SHARE = 0.05;

    /**
     * A load request that went out this much later than intended is left out of the truth: it saw the
     * target at another moment than the slice it belongs to (a tenth of a slice).
     */
    public static final long LATE_NANOS = 100_000_000L;

    private LoadFidelity() {
    }

    /** True for a request sent so late it is left out of success and truth. */
    public static boolean late(LoadResult r) {
        return r.lagNanos() > LATE_NANOS;
    }

    /**
     * Why the load's success cannot be trusted, or empty when few enough requests were late.
     *
     * @param late     requests sent more than {@link #LATE_NANOS} late
     * @param requests all judged requests
     * @param lag      the send lag of all requests, for the explanation
     */
    public static Optional<String> problem(long late, long requests, LoadStats.Percentiles lag) {
        LateShare share = new LateShare(late, requests, MAX_LATE_SHARE);
        if (!share.excessive()) {
            return Optional.empty();
        }
        return Optional.of("the load driver fell behind its schedule: " + late + " of " + Numbers.count(requests, "request")
                + " (" + Numbers.percent((double) late / requests) + ") went out more than " + Numbers.millis(LATE_NANOS)
                + " late (send lag p99 " + Numbers.millis(lag.p99Nanos()) + ", max " + Numbers.millis(lag.maxNanos()) + "; " + share.reasoning()
                + "), so the load did not arrive when it was meant to");
    }
}
