package dev.faultline.run;

import dev.faultline.report.Numbers;
import dev.faultline.analysis.DelayLateness;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.journal.Event;
import dev.faultline.journal.SignalSent;
import dev.faultline.journal.TargetExited;
import dev.faultline.journal.TargetReady;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.load.LoadReporting;
import dev.faultline.report.HarnessReport;
import dev.faultline.report.JournalReport;
import dev.faultline.report.Marker;
import dev.faultline.report.PhaseReport;
import dev.faultline.report.RunReport;
import dev.faultline.report.Series;
import dev.faultline.report.TargetReport;
import dev.faultline.report.UpstreamReport;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.upstream.spec.FaultRule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link RunReport} from a finished run's facts. Pure. */
final class ReportAssembler {
    static final String JOURNAL_FILE = "journal.jsonl";
    private static final double BIN_SECONDS = 0.5;

    private ReportAssembler() {
    }

    static RunReport assemble(FinishedRun facts) {
        Timeline timeline = Timeline.of(facts.events());
        return new RunReport(
                RunReport.FORMAT_VERSION,
                facts.scenario().name(),
                facts.displayFile(),
                facts.scenario().description(),
                facts.seed(),
                facts.verdict(),
                facts.verdict().exitCode(),
                Instant.ofEpochMilli(facts.startEpochMillis()).toString(),
                facts.durationNanos() / 1e9,
                facts.message(),
                phases(facts, timeline),
                facts.results(),
                upstreams(facts),
                targets(facts),
                new JournalReport(facts.events().size(), facts.journalDropped(), facts.scenario().journalCap(), JOURNAL_FILE),
                harness(facts, timeline),
                series(facts, timeline),
                markers(facts));
    }

    /** The signals the harness sent, to mark on the charts: the cause of what the lines do next. */
    private static List<Marker> markers(FinishedRun facts) {
        List<Marker> markers = new ArrayList<>();
        for (Event e : facts.events()) {
            if (e instanceof SignalSent s) {
                markers.add(new Marker(s.atNanos() / 1e9, "signal", s.signal() + " to replica " + s.replica()
                        + (s.reason() == null || s.reason().equals("action") ? "" : " (" + s.reason() + ")")));
            }
        }
        return markers;
    }

    private static List<PhaseReport> phases(FinishedRun facts, Timeline timeline) {
        List<PhaseReport> phases = new ArrayList<>();
        for (PhaseWindow window : timeline.phases()) {
            PhaseSpec spec = facts.scenario().phases().get(window.index());
            List<String> rules = spec.faults().values().stream().flatMap(List::stream).map(FaultRule::id).toList();
            phases.add(new PhaseReport(window.name(), window.startNanos() / 1e9, window.endNanos() / 1e9, rules));
        }
        return phases;
    }

    private static List<UpstreamReport> upstreams(FinishedRun facts) {
        List<UpstreamReport> reports = new ArrayList<>();
        for (FinishedRun.UpstreamFacts u : facts.upstreams()) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            u.stats().byStatus().forEach((status, n) -> byStatus.put(status == 0 ? "none" : String.valueOf(status), n));
            Map<String, String> effects = new LinkedHashMap<>();
            for (PhaseSpec phase : facts.scenario().phases()) {
                for (FaultRule rule : phase.faultsFor(u.name())) {
                    effects.put(rule.id(), rule.effect());
                }
            }
            List<UpstreamReport.RuleReport> rules = new ArrayList<>();
            effects.forEach((id, effect) -> rules.add(new UpstreamReport.RuleReport(id, effect,
                    u.stats().ruleFires().getOrDefault(id, 0L))));
            reports.add(new UpstreamReport(u.name(), u.ports(), u.stats().requests(), byStatus, u.stats().byEffect(), rules));
        }
        return reports;
    }

    private static List<TargetReport> targets(FinishedRun facts) {
        List<TargetReport> reports = new ArrayList<>();
        for (FinishedRun.TargetFacts t : facts.targets()) {
            Double ready = null;
            TargetExited exit = null;
            for (Event e : facts.events()) {
                if (e instanceof TargetReady r && r.replica() == t.replica() && ready == null) {
                    ready = r.atNanos() / 1e9;
                } else if (e instanceof TargetExited x && x.replica() == t.replica()) {
                    exit = x;
                }
            }
            reports.add(new TargetReport(t.replica(), t.command(), t.pid(), t.port(), ready,
                    exit == null ? null : exit.exitCode(),
                    exit == null ? null : exit.atNanos() / 1e9,
                    exit != null && !exit.byHarness(),
                    t.killed(), t.stdout(), t.stderr()));
        }
        return reports;
    }

    private static HarnessReport harness(FinishedRun facts, Timeline timeline) {
        List<String> neverFired = new ArrayList<>();
        List<String> unfiredNotes = new ArrayList<>();
        for (FinishedRun.UpstreamFacts u : facts.upstreams()) {
            for (PhaseSpec phase : facts.scenario().phases()) {
                for (FaultRule rule : phase.faultsFor(u.name())) {
                    if (u.stats().ruleFires().getOrDefault(rule.id(), 0L) == 0) {
                        neverFired.add(rule.id());
                        unfiredNotes.add(unfiredNote(rule, u.name(), phase.name(), facts.events(), timeline));
                    }
                }
            }
        }
        DelayLateness lateness = DelayLateness.of(facts.events());
        List<String> notes = new ArrayList<>();
        notes.addAll(dev.faultline.load.LoadReporting.notes(facts.scenario(), facts.events()));
        if (facts.journalDropped() > 0) {
            notes.add("the journal kept " + facts.events().size() + " events and dropped " + facts.journalDropped()
                    + " past its caps (journal.max-events " + facts.scenario().journalCap() + ", journal.max-bytes "
                    + facts.scenario().journalMaxBytes() + " estimated bytes); checks saw only the kept events");
        }
        if (lateness.lagged()) {
            notes.add(lateness.explanation());
        } else if (lateness.late() > 0) {
            notes.add(lateness.toleratedNote());
        }
        notes.addAll(unfiredNotes);
        notes.addAll(Http2Skips.notes(facts.scenario(), facts.events(), timeline));
        notes.addAll(DriftSkips.notes(facts.events()));
        for (FinishedRun.TargetFacts t : facts.targets()) {
            t.killedLate().forEach(line -> notes.add("target replica " + t.replica() + ": " + line));
        }
        return new HarnessReport(
                lateness.delayed() == 0 ? null : lateness.p50Nanos() / 1e6,
                lateness.delayed() == 0 ? null : lateness.p99Nanos() / 1e6,
                lateness.delayed(), neverFired, notes);
    }

    /**
     * Why a rule may not have fired, with the numbers to tell a quiet target from a rule that could not
     * match: how many requests reached its upstream while its phase was in force and, for a rule that
     * fires by chance, how likely no fire was even had every one of them matched.
     */
    private static String unfiredNote(FaultRule rule, String upstream, String phase, List<Event> events, Timeline timeline) {
        long reached = timeline.phase(phase).map(w -> events.stream()
                .filter(e -> e instanceof UpstreamRequest r && r.upstream().equals(upstream) && w.contains(r.atNanos()))
                .count()).orElse(0L);
        String note = "fault rule " + rule.id() + " (" + rule.effect() + ") never fired: "
                + dev.faultline.report.Numbers.count(reached, "request") + " reached " + upstream + " during " + phase;
        if (reached > 0 && rule.probability() < 1) {
            note += String.format(java.util.Locale.ROOT, "; it fires with probability %s on a matching request, so even had all"
                    + " matched, no fire had a chance of %.2g", dev.faultline.report.Numbers.number(rule.probability()),
                    Math.pow(1 - rule.probability(), reached));
        } else if (reached > 0) {
            note += "; none of them came to it (none matched, or an earlier rule took them)";
        }
        return note + "; the target was never put under this fault";
    }

    private static List<Series> series(FinishedRun facts, Timeline timeline) {
        int bins = LoadReporting.chartBins(facts.events(), BIN_SECONDS);
        List<Series> all = new ArrayList<>();
        for (FinishedRun.UpstreamFacts u : facts.upstreams()) {
            double[] requests = new double[bins];
            double[] failed = new double[bins];
            for (Event e : facts.events()) {
                if (e instanceof UpstreamRequest r && r.upstream().equals(u.name())) {
                    int bin = (int) Math.min(bins - 1, r.atNanos() / 1e9 / BIN_SECONDS);
                    requests[bin] += 1 / BIN_SECONDS;
                    if (r.failed()) {
                        failed[bin] += 1 / BIN_SECONDS;
                    }
                }
            }
            all.add(new Series(u.name() + ": requests/s", "requests/s", u.name(), BIN_SECONDS, boxed(requests)));
            all.add(new Series(u.name() + ": failed/s", "requests/s", u.name(), BIN_SECONDS, boxed(failed)));
            int instances = facts.scenario().upstreams().containsKey(u.name())
                    ? facts.scenario().upstreams().get(u.name()).instances() : 1;
            if (instances > 1) {
                all.addAll(ShareSeries.of(u.name(), instances, facts.events(), bins, BIN_SECONDS));
            }
        }
        all.addAll(dev.faultline.load.LoadReporting.series(facts.events(), BIN_SECONDS));
        return all;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
