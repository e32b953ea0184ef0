package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.report.Numbers;

import java.util.List;


/**
 * How late the fake upstreams delivered their injected delays: achieved minus planned, over every
 * delayed response. The harness's own fidelity: a run whose delays came late measured the target
 * under a fault other than the one declared, so its verdict cannot be trusted. Pure.
 *
 * <p>The rule counts deliveries late by more than {@link #LIMIT_NANOS} and calls the run lagged only
 * when that count is significantly above {@link #TOLERATED_SHARE} of the delayed responses (see
 * {@link LateShare}): one late delay among 21 (a cold first timer) is what a healthy machine does,
 * 30 % late among 50 is an overloaded one. A percentile would be decided by the single worst
 * delivery whenever there are fewer than 100.
 *
 * @param delayed  responses that carried an injected delay
 * @param late     of those, the ones delivered more than {@link #LIMIT_NANOS} late
 * @param p50Nanos median lateness, or -1 without delays
 * @param p99Nanos 99th-percentile lateness ({@link Percentile}), or -1 without delays
 * @param maxNanos the worst lateness, or -1 without delays
 */
public record DelayLateness(long delayed, long late, long p50Nanos, long p99Nanos, long maxNanos) {
    /** A delay delivered more than this late counts as late. */
    public static final long LIMIT_NANOS = 10_000_000L;
    /** The share of late deliveries a healthy machine may show. */
    public static final double TOLERATED_SHARE = 0.01;

    public static DelayLateness of(List<Event> events) {
        long[] lateness = events.stream()
                .filter(e -> e instanceof UpstreamRequest r && r.delayPlannedNanos() >= 0 && r.delayAchievedNanos() >= 0)
                .mapToLong(e -> {
                    UpstreamRequest r = (UpstreamRequest) e;
                    return r.delayAchievedNanos() - r.delayPlannedNanos();
                })
                .sorted()
                .toArray();
        if (lateness.length == 0) {
            return new DelayLateness(0, 0, -1, -1, -1);
        }
        long late = java.util.Arrays.stream(lateness).filter(l -> l > LIMIT_NANOS).count();
        return new DelayLateness(lateness.length, late, Percentile.nearestRank(lateness, 0.50), Percentile.nearestRank(lateness, 0.99),
                lateness[lateness.length - 1]);
    }

    /** The late deliveries against the tolerated share. */
    public LateShare share() {
        return new LateShare(late, delayed, TOLERATED_SHARE);
    }

    /** True when so many delays came late that the run's verdict cannot be trusted. */
    public boolean lagged() {
        return share().excessive();
    }

    /** The sentence the report gives when the harness lagged. */
    public String explanation() {
        return "the fake upstreams delivered injected delays late: " + counts() + "; " + share().reasoning()
                + "; the target was not measured under the declared fault, so no verdict is given (is the machine overloaded?)";
    }

    /** The note a report gives when some delays came late, but few enough to be chance. */
    public String toleratedNote() {
        return "injected delays: " + counts() + "; " + share().reasoning() + ", so the run is judged";
    }

    private String counts() {
        return late + " of " + delayed + " delayed responses (" + Numbers.percent(share().share()) + ") came more than "
                + Numbers.millis(LIMIT_NANOS) + " late (lateness p50 " + Numbers.millis(p50Nanos) + ", p99 " + Numbers.millis(p99Nanos)
                + ", max " + Numbers.millis(maxNanos) + ")";
    }
}
