package dev.faultline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@link RunReport}, starting from a realistic run of the outage scenario. */
final class RunReportBuilder {

    private String scenario = "checkout survives a payments outage";
    private String file = "scenarios/outage.yaml";
    private String description = "Payments returns 503 for ten seconds; the checkout service must not storm it.";
    private long seed = 7;
    private Verdict verdict = Verdict.HELD;
    private String startedAt = "2026-11-26T10:15:30.250Z";
    private double durationSeconds = 32.4;
    private String message = "";
    private List<PhaseReport> phases = new ArrayList<>();
    private final List<ExpectationResult> expectations = new ArrayList<>();
    private List<UpstreamReport> upstreams = new ArrayList<>();
    private List<TargetReport> targets = new ArrayList<>();
    private JournalReport journal = new JournalReport(5_240, 0, 1_000_000, "journal.jsonl");
    private HarnessReport harness = HarnessReport.EMPTY;
    private List<Series> series = new ArrayList<>();
    private List<Marker> markers = new ArrayList<>();

    private RunReportBuilder() {
    }

    /** A run with no phases, upstreams, targets or checks yet. */
    static RunReportBuilder aRun() {
        return new RunReportBuilder();
    }

    /** A run of the outage scenario with its timeline, upstream, target and charts, but no checks yet. */
    static RunReportBuilder anOutageRun() {
        RunReportBuilder run = aRun();
        run.phases = List.of(
                new PhaseReport("warm-up", 0, 10, List.of()),
                new PhaseReport("outage", 10, 20, List.of("outage/payments[0]", "outage/payments[1]", "outage/payments[2]")),
                new PhaseReport("recovery", 20, 32.4, List.of()));
        run.upstreams = List.of(new UpstreamReport("payments", List.of(41001), 3_120,
                Map.of("200", 1_230L, "503", 1_890L),
                Map.of("route", 1_020L, "respond", 1_890L, "delay", 210L),
                List.of(new UpstreamReport.RuleReport("outage/payments[0]", "respond", 1_890),
                        new UpstreamReport.RuleReport("outage/payments[1]", "delay", 210),
                        new UpstreamReport.RuleReport("outage/payments[2]", "reset", 0))));
        run.targets = List.of(new TargetReport(0, "java CheckoutService.java --port 41100", 4242, 41100, 1.2, 143, 32.1,
                false, false, "target-0.stdout.log", "target-0.stderr.log"));
        run.harness = new HarnessReport(0.4, 3.1, 210, List.of("outage/payments[2]"), List.of());
        run.series = List.of(
                new Series("payments: requests/s", "requests/s", "payments", 1.0, rate(33, 40, 310)),
                new Series("payments: 503/s", "requests/s", "payments", 1.0, rate(33, 0, 300)),
                new Series("checkout: p99 latency", "ms", "checkout latency", 1.0, rate(33, 45, 30)));
        return run;
    }

    /** A failed outage run: one check passed, one failed, one inconclusive, one passed. */
    static RunReport failedOutageRun() {
        return anOutageRun().verdict(Verdict.FAILED)
                .expect(Check.check("retries.require-jitter").passed().measured(0.61, "cv").limit(">=", 0.1, "0.1")
                        .explanation("retry gaps vary with CV 0.61 across 500 calls that failed together"))
                .expect(Check.check("retries.max-amplification").failed().measured(4.2, "attempts/call").limit("<=", 2.0, "2.0")
                        .explanation("2,100 attempts for 500 logical calls during outage; retries came with no backoff"))
                .expect(Check.check("health.readiness.fails-within").inconclusive().notMeasured("s").limit("<=", 2.0, "2s")
                        .explanation("readiness was never probed during outage"))
                .expect(Check.check("shutdown.max-failed-in-flight").passed().measured(0, "requests").limit("<=", 0, "0")
                        .explanation("all 12 requests in flight at the signal completed"))
                .build();
    }

    /** A held outage run with two passed checks. */
    static RunReport heldOutageRun() {
        return anOutageRun().verdict(Verdict.HELD)
                .expect(Check.check("retries.max-amplification").passed().measured(1.3, "attempts/call").limit("<=", 2.0, "2.0")
                        .explanation("650 attempts for 500 logical calls during outage"))
                .expect(Check.check("retries.require-jitter").passed().measured(0.61, "cv").limit(">=", 0.1, "0.1")
                        .explanation("retry gaps vary with CV 0.61"))
                .build();
    }

    RunReportBuilder scenario(String scenario) {
        this.scenario = scenario;
        return this;
    }

    RunReportBuilder file(String file) {
        this.file = file;
        return this;
    }

    RunReportBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    RunReportBuilder verdict(Verdict verdict) {
        this.verdict = verdict;
        return this;
    }

    RunReportBuilder message(String message) {
        this.message = message;
        return this;
    }

    RunReportBuilder startedAt(String startedAt) {
        this.startedAt = startedAt;
        return this;
    }

    RunReportBuilder durationSeconds(double durationSeconds) {
        this.durationSeconds = durationSeconds;
        return this;
    }

    RunReportBuilder expect(Check check) {
        expectations.add(check.build());
        return this;
    }

    RunReportBuilder phases(PhaseReport... phases) {
        this.phases = List.of(phases);
        return this;
    }

    RunReportBuilder upstreams(UpstreamReport... upstreams) {
        this.upstreams = List.of(upstreams);
        return this;
    }

    RunReportBuilder targets(TargetReport... targets) {
        this.targets = List.of(targets);
        return this;
    }

    RunReportBuilder journal(JournalReport journal) {
        this.journal = journal;
        return this;
    }

    RunReportBuilder harness(HarnessReport harness) {
        this.harness = harness;
        return this;
    }

    RunReportBuilder series(Series... series) {
        this.series = List.of(series);
        return this;
    }

    RunReportBuilder markers(Marker... markers) {
        this.markers = List.of(markers);
        return this;
    }

    RunReport build() {
        return new RunReport(RunReport.FORMAT_VERSION, scenario, file, description, seed, verdict, verdict.exitCode(),
                startedAt, durationSeconds, message, phases, expectations, upstreams, targets, journal, harness, series, markers);
    }

    /** A per-second rate that runs at {@code base} outside the outage (10–20 s) and {@code outage} inside it. */
    private static List<Double> rate(int seconds, double base, double outage) {
        List<Double> values = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            values.add(s >= 10 && s < 20 ? outage : base);
        }
        return values;
    }
}
