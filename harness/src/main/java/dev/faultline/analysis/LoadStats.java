package dev.faultline.analysis;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.TreeMap;

/**
 * Statistics of the harness's load over a window of the run, from the journal's {@link LoadResult}s.
 * Pure: events in, numbers out.
 *
 * <p>A request belongs to the window its <em>intended</em> send time falls in. Latencies run from the
 * intended send time to the end of the response (or the failure), so they are free of coordinated
 * omission; their percentiles are {@link Percentile}'s nearest rank on the exact nanoseconds and
 * cover every judged request, failures and timeouts included. Requests cancelled at the end of the run
 * are counted apart and judged neither way.
 *
 * @param window          what the window is (a phase's name, or {@code run})
 * @param seconds         its length
 * @param requests        judged requests (not cancelled)
 * @param succeeded       of those, responses with a 2xx or 3xx status
 * @param cancelled       requests still in flight at the end and cancelled
 * @param outcomes        judged requests by outcome: the status code ({@code "200"}, {@code "503"}), or
 *                        {@code timeout}, {@code refused}, {@code reset}, {@code closed}, {@code other}
 * @param latency         latency percentiles of all judged requests, from the intended send time
 * @param successLatency  latency percentiles of the successful ones, from the intended send time
 * @param latencyFromSend latency percentiles of all judged requests from the moment each was actually
 *                        sent: what a closed-loop tool would report, and a lower bound that leaves the
 *                        driver's own lag out
 * @param lag             schedule lag (actual − intended send time) of every request sent
 * @param resent          requests the driver resent on a fresh connection after a reused keep-alive
 *                        connection failed before any response (judged or not); their outcome is the resend's
 *                        response, or their first failure
 * @param protocols       judged responses by the protocol they came over ({@code http/1.1}, {@code h2}); empty
 *                        for journals that did not record it
 */
public record LoadStats(
        String window,
        double seconds,
        long requests,
        long succeeded,
        long cancelled,
        Map<String, Long> outcomes,
        Percentiles latency,
        Percentiles successLatency,
        Percentiles latencyFromSend,
        Percentiles lag,
        long resent,
        Map<String, Long> protocols) {

    public LoadStats {
        outcomes = java.util.Collections.unmodifiableMap(new TreeMap<>(outcomes));
        protocols = java.util.Collections.unmodifiableMap(new TreeMap<>(protocols));
    }

    /**
     * p50, p90, p99 and max, in nanoseconds; all {@code -1} when there were no values.
     *
     * @param count how many values
     */
    public record Percentiles(long count, long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos) {
        static final Percentiles NONE = new Percentiles(0, -1, -1, -1, -1);

        /** The percentiles of these values (not necessarily sorted; negative ones count as 0). */
        public static Percentiles of(long[] values) {
            if (values.length == 0) {
                return NONE;
            }
            long[] sorted = LongStream.of(values).map(v -> Math.max(0, v)).sorted().toArray();
            return new Percentiles(sorted.length, Percentile.nearestRank(sorted, 0.50), Percentile.nearestRank(sorted, 0.90),
                    Percentile.nearestRank(sorted, 0.99), sorted[sorted.length - 1]);
        }

        /** The named percentile: {@code p50}, {@code p90}, {@code p99} or {@code max}. */
        public long nanos(String which) {
            return switch (which) {
                case "p50" -> p50Nanos;
                case "p90" -> p90Nanos;
                case "p99" -> p99Nanos;
                case "max" -> maxNanos;
                default -> throw new IllegalArgumentException("no percentile " + which);
            };
        }
    }

    /** Succeeded ÷ requests; NaN with no requests. */
    public double successRate() {
        return requests == 0 ? Double.NaN : (double) succeeded / requests;
    }

    /** Requests sent per second of the window (cancelled ones included: they were sent). */
    public double achievedPerSecond() {
        return seconds <= 0 ? Double.NaN : (requests + cancelled) / seconds;
    }

    /** Statistics of these results, labelled {@code window}, over {@code seconds}. */
    public static LoadStats of(String window, double seconds, List<LoadResult> results) {
        LongStream.Builder all = LongStream.builder();
        LongStream.Builder ok = LongStream.builder();
        LongStream.Builder lag = LongStream.builder();
        LongStream.Builder fromSend = LongStream.builder();
        long judged = 0;
        long succeeded = 0;
        long cancelled = 0;
        long resent = 0;
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, Long> protocols = new TreeMap<>();
        for (LoadResult r : results) {
            lag.add(r.lagNanos());
            if (r.resent()) {
                resent++;
            }
            if (!r.judged()) {
                cancelled++;
                continue;
            }
            judged++;
            all.add(r.latencyNanos());
            fromSend.add(r.endNanos() - r.sentNanos());
            if (r.succeeded()) {
                succeeded++;
                ok.add(r.latencyNanos());
            }
            outcomes.merge(outcomeKey(r), 1L, Long::sum);
            if (r.protocol() != null) {
                protocols.merge(r.protocol(), 1L, Long::sum);
            }
        }
        return new LoadStats(window, seconds, judged, succeeded, cancelled, outcomes, Percentiles.of(all.build().toArray()),
                Percentiles.of(ok.build().toArray()), Percentiles.of(fromSend.build().toArray()), Percentiles.of(lag.build().toArray()), resent,
                protocols);
    }

    /**
     * One row per phase as played, then one for the whole timeline. Requests sent after the timeline
     * ended (load kept running through the final stop for {@code expect.shutdown}) belong to no phase
     * and are left out of every row, so the timeline's rate is what the schedule asked for.
     */
    public static List<LoadStats> perPhase(List<Event> events) {
        Timeline timeline = Timeline.of(events);
        List<LoadResult> results = results(events);
        List<LoadStats> rows = new ArrayList<>();
        for (PhaseWindow w : timeline.phases()) {
            rows.add(of(w.name(), w.seconds(), within(results, List.of(w))));
        }
        rows.add(of("run", timeline.phases().stream().mapToDouble(PhaseWindow::seconds).sum(),
                within(results, timeline.phases())));
        return rows;
    }

    /** Every load result of the journal, in intended-send order. */
    public static List<LoadResult> results(List<Event> events) {
        List<LoadResult> results = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof LoadResult r) {
                results.add(r);
            }
        }
        TimeOrder.sort(results, LoadResult::atNanos);
        return results;
    }

    /** The results whose intended send time falls in any of the windows. */
    public static List<LoadResult> within(List<LoadResult> results, List<PhaseWindow> windows) {
        List<LoadResult> inside = new ArrayList<>();
        for (LoadResult r : results) {
            if (Timeline.within(windows, r.atNanos())) {
                inside.add(r);
            }
        }
        return inside;
    }

    /** {@code "503"} for a response, else the outcome's name in lower case ({@code timeout}). */
    public static String outcomeKey(LoadResult r) {
        if (r.outcome() == CallOutcome.RESPONSE) {
            return String.valueOf(r.status());
        }
        return r.outcome().name().toLowerCase(Locale.ROOT);
    }
}
