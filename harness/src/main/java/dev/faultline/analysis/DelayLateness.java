package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;

import java.util.List;

/**
 * How late the fake upstreams delivered their injected delays: achieved minus planned, over every
 * delayed response. The harness's own fidelity: a run whose delays came late measured the target
 * under a fault other than the one declared, so its verdict cannot be trusted. Pure.
 *
 * @param delayed    responses that carried an injected delay
 * @param p50Nanos   median lateness, or -1 without delays
 * @param p99Nanos   99th-percentile lateness (nearest rank), or -1 without delays
 */
public record DelayLateness(long delayed, long p50Nanos, long p99Nanos) {
    /** Above this p99 lateness a run is inconclusive. */
    public static final long LIMIT_NANOS = 10_000_000L;

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
            return new DelayLateness(0, -1, -1);
        }
        return new DelayLateness(lateness.length, percentile(lateness, 0.50), percentile(lateness, 0.99));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** True when the delays came so late that the run's verdict cannot be trusted. */
    public boolean lagged() {
        return p99Nanos > LIMIT_NANOS;
    }

    /** The sentence the report gives when the harness lagged. */
    public String explanation() {
        return String.format(java.util.Locale.ROOT,
                "the fake upstreams delivered injected delays late: lateness p99 %.1f ms over %d delayed responses"
                        + " (limit 10 ms); the target was not measured under the declared fault, so no verdict is given"
                        + " (is the machine overloaded?)", p99Nanos / 1e6, delayed);
    }
}
