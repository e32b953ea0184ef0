package dev.faultline.load;

import dev.faultline.analysis.LoadStats;
import dev.faultline.analysis.Percentile;
import dev.faultline.analysis.Timeline;
import dev.faultline.analysis.health.HealthAnalysis;
import dev.faultline.expect.Checks;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.ProbeResult;
import dev.faultline.report.Numbers;
import dev.faultline.report.Series;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the report shows of the load and the probes: one note on the driver's fidelity, one line of
 * statistics per phase and per probe, and time series for the charts. Pure: built from the journal.
 */
public final class LoadReporting {
    private LoadReporting() {
    }

    /** Notes for the report: the driver's fidelity, per-phase load statistics, per-probe summaries. */
    public static List<String> notes(Scenario scenario, List<Event> events) {
        List<String> notes = new ArrayList<>();
        List<LoadResult> results = LoadStats.results(events);
        if (scenario.load().isPresent() && !results.isEmpty()) {
            List<LoadStats> rows = LoadStats.perPhase(events);
            LoadStats run = rows.get(rows.size() - 1);
            notes.add(fidelity(scenario.load().get(), scenario, run));
            long late = results.stream().filter(r -> r.judged() && LoadFidelity.late(r)).count();
            Optional<String> problem = LoadFidelity.problem(late, run.requests(), run.lag());
            if (problem.isPresent()) {
                notes.add("load: " + problem.get() + "; success-rate and readiness-against-load checks are inconclusive");
            } else if (late > 0) {
                notes.add("load: " + Numbers.count(late, "request") + " went out more than "
                        + Numbers.millis(LoadFidelity.LATE_NANOS) + " late and " + (late == 1 ? "is" : "are")
                        + " left out of the success rate and the truth");
            }
            for (LoadStats row : rows.subList(0, rows.size() - 1)) {
                notes.add(phaseLine(row));
            }
            if (run.cancelled() > 0) {
                notes.add("load: " + Numbers.count(run.cancelled(), "request") + " still in flight when the run ended "
                        + (run.cancelled() == 1 ? "was cancelled and is" : "were cancelled and are") + " judged neither way");
            }
        }
        Map<String, List<ProbeResult>> probes = new TreeMap<>();
        for (Event e : events) {
            if (e instanceof ProbeResult p && p.judged()) {
                probes.computeIfAbsent(p.probe(), k -> new ArrayList<>()).add(p);
            }
        }
        probes.forEach((name, list) -> notes.add(probeLine(name, list)));
        return notes;
    }

    private static String fidelity(LoadSpec spec, Scenario scenario, LoadStats run) {
        Duration length = scenario.phases().stream().map(PhaseSpec::duration).reduce(Duration.ZERO, Duration::plus);
        double asked = LoadPlan.asked(spec, length);
        long sent = run.requests() + run.cancelled();
        return "load: " + Numbers.number(Math.round(asked)) + " requests asked over " + Numbers.number(length.toMillis() / 1000.0)
                + " s, " + sent + " sent (" + Numbers.number(run.achievedPerSecond()) + "/s); send lag against the schedule p50 "
                + Numbers.millis(run.lag().p50Nanos()) + ", p99 " + Numbers.millis(run.lag().p99Nanos()) + ", max "
                + Numbers.millis(run.lag().maxNanos());
    }

    private static String phaseLine(LoadStats s) {
        if (s.requests() == 0) {
            return "load during " + s.window() + ": no request judged";
        }
        return "load during " + s.window() + ": " + Numbers.count(s.requests(), "request") + ", "
                + Numbers.percent(s.successRate()) + " succeeded ("
                + s.outcomes().entrySet().stream().map(o -> o.getKey() + ": " + o.getValue()).collect(Collectors.joining(", "))
                + "); latency p50 " + Numbers.millis(s.latency().p50Nanos()) + ", p90 " + Numbers.millis(s.latency().p90Nanos())
                + ", p99 " + Numbers.millis(s.latency().p99Nanos()) + ", max " + Numbers.millis(s.latency().maxNanos())
                + protocolText(s.protocols()) + resentText(s.resent());
    }

    // Which protocol the responses came over: an https target may answer over HTTP/2 or HTTP/1.1 (ALPN).
    private static String protocolText(Map<String, Long> protocols) {
        if (protocols.isEmpty()) {
            return "";
        }
        if (protocols.size() == 1) {
            return "; over " + protocols.keySet().iterator().next();
        }
        return "; over " + protocols.entrySet().stream().map(p -> p.getKey() + " (" + p.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    // Resends change failures into successes, so the report says how many there were (docs/health.md).
    private static String resentText(long resent) {
        return resent == 0 ? "" : "; " + Numbers.count(resent, "request") + " resent on a fresh connection after a reused"
                + " keep-alive connection failed before any response";
    }

    private static String probeLine(String name, List<ProbeResult> results) {
        Map<String, Long> failures = new TreeMap<>();
        long[] latency = new long[results.size()];
        long health = 0;
        for (int i = 0; i < results.size(); i++) {
            ProbeResult p = results.get(i);
            latency[i] = p.latencyNanos();
            if (!p.ok()) {
                failures.merge(HealthAnalysis.failureKey(p), 1L, Long::sum);
            }
            if (p.healthStatus() != null) {
                health++;
            }
        }
        Arrays.sort(latency);
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        return "probe " + name + ": " + Numbers.count(results.size(), "answer") + ", " + failed + " failed"
                + (failed == 0 ? "" : " (" + failures.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue())
                        .collect(Collectors.joining(", ")) + ")")
                + "; latency p99 " + Numbers.millis(Percentile.nearestRank(latency, 0.99)) + ", max "
                + Numbers.millis(latency[latency.length - 1])
                + (health > 0 ? "; " + health + " bodies declared a health status" : "");
    }

    /**
     * Chart series: the load per second stacked by how each request ended (status class or failure
     * kind, so the stack's height is what was sent), the load's p99 latency per bin with the latency
     * checks' limits, and per probe the share of its answers that passed (the last share carried over
     * bins without an answer). Bins before the first request or answer, and latency bins without a
     * judged request, have no value (NaN): a zero there would draw an outage that was never measured.
     */
    public static List<Series> series(List<Event> events, double binSeconds) {
        int bins = chartBins(events, binSeconds);
        List<Series> all = new ArrayList<>();
        List<LoadResult> load = LoadStats.results(events);
        if (!load.isEmpty()) {
            Map<String, double[]> byEnd = new TreeMap<>(Comparator.comparingInt(LoadReporting::endOrder)
                    .thenComparing(Comparator.naturalOrder()));
            List<List<Long>> latencies = new ArrayList<>();
            for (int i = 0; i < bins; i++) {
                latencies.add(new ArrayList<>());
            }
            int first = bins;
            for (LoadResult r : load) {
                int bin = bin(r.atNanos(), binSeconds, bins);
                first = Math.min(first, bin);
                byEnd.computeIfAbsent(end(r), k -> new double[bins])[bin] += 1 / binSeconds;
                if (r.judged()) {
                    latencies.get(bin).add(r.latencyNanos());
                }
            }
            for (Map.Entry<String, double[]> e : byEnd.entrySet()) {
                Arrays.fill(e.getValue(), 0, first, Double.NaN);
                all.add(new Series("load: " + e.getKey(), "requests/s", "load (target)", binSeconds, boxed(e.getValue()), true, List.of()));
            }
            double[] p99 = new double[bins];
            for (int i = 0; i < bins; i++) {
                long[] values = latencies.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
                p99[i] = values.length == 0 ? Double.NaN : Percentile.nearestRank(values, 0.99) / 1e6;
            }
            all.add(new Series("load: p99 latency", "ms", "load latency", binSeconds, boxed(p99), false, List.of("latency")));
        }
        Map<String, double[][]> probes = new TreeMap<>();
        for (Event e : events) {
            if (e instanceof ProbeResult p && p.judged()) {
                double[][] counts = probes.computeIfAbsent(p.probe(), k -> new double[2][bins]);
                int bin = bin(p.endNanos(), binSeconds, bins);
                counts[0][bin]++;
                if (p.ok()) {
                    counts[1][bin]++;
                }
            }
        }
        probes.forEach((name, counts) -> {
            double[] share = new double[bins];
            double last = Double.NaN;
            for (int i = 0; i < bins; i++) {
                last = counts[0][i] > 0 ? counts[1][i] / counts[0][i] : last;
                share[i] = last;
            }
            all.add(new Series(name + ": passing", "share passing", "probes", binSeconds, boxed(share)));
        });
        return all;
    }

    // How a load request ended, for the stacked chart: its status class, or how it failed without one.
    private static final List<String> ENDS = List.of("1xx", "2xx", "3xx", "4xx", "5xx", "timeout", "refused", "reset", "closed",
            "other", "cancelled");

    private static String end(LoadResult r) {
        if (r.outcome() == CallOutcome.RESPONSE) {
            return r.status() >= 100 && r.status() < 600 ? (r.status() / 100) + "xx" : "other";
        }
        return r.outcome().name().toLowerCase(Locale.ROOT);
    }

    private static int endOrder(String end) {
        int i = ENDS.indexOf(end);
        return i < 0 ? ENDS.size() : i;
    }

    /**
     * Bins enough to hold every event: charts run past the timeline's end when load and probes keep
     * going through the final stop, so the shutdown is drawn rather than piled into the last bin.
     */
    public static int chartBins(List<Event> events, double binSeconds) {
        long last = Timeline.of(events).endNanos();
        for (Event e : events) {
            last = Math.max(last, e.atNanos());
        }
        return (int) Math.ceil(last / 1e9 / binSeconds) + 1;
    }

    private static int bin(long nanos, double binSeconds, int bins) {
        return (int) Math.max(0, Math.min(bins - 1, nanos / 1e9 / binSeconds));
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
