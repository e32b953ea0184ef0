package dev.faultline.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything a run found, as one value: the verdict, every check with its evidence, what each fake
 * upstream and target did, and the harness's account of itself. {@code report.json} is this value;
 * every other report (JUnit XML, HTML, Markdown, console) is rendered from it alone, so a report can
 * be re-rendered from {@code report.json} without the run.
 *
 * @param formatVersion  version of this structure (1)
 * @param scenario       the scenario's name
 * @param file           the scenario file, as given on the command line
 * @param description    the scenario's description, or empty
 * @param seed           the seed every random choice derived from ({@code --seed} replays it)
 * @param verdict        the overall outcome
 * @param exitCode       the exit code the run ended with (0 held, 1 failed, 2 invalid, 3 error, 4 inconclusive)
 * @param startedAt      wall-clock start, ISO-8601 instant
 * @param durationSeconds how long the run took
 * @param message        for {@code error}, {@code aborted} and {@code invalid}: what happened; else empty
 * @param phases         the timeline as it was played
 * @param expectations   every check, in file order
 * @param upstreams      per fake upstream: what it received and sent
 * @param targets        per target replica: process, exit, logs
 * @param journal        the journal's size and where it was written
 * @param harness        the harness's own fidelity (lag, unfired rules)
 * @param series         time series for charts
 * @param markers        instants drawn across the charts (signals sent to the target)
 */
public record RunReport(
        int formatVersion,
        String scenario,
        String file,
        String description,
        long seed,
        Verdict verdict,
        int exitCode,
        String startedAt,
        double durationSeconds,
        String message,
        List<PhaseReport> phases,
        List<ExpectationResult> expectations,
        List<UpstreamReport> upstreams,
        List<TargetReport> targets,
        JournalReport journal,
        HarnessReport harness,
        List<Series> series,
        List<Marker> markers) {

    public static final int FORMAT_VERSION = 1;

    /** A report without markers. */
    public RunReport(int formatVersion, String scenario, String file, String description, long seed, Verdict verdict,
                     int exitCode, String startedAt, double durationSeconds, String message, List<PhaseReport> phases,
                     List<ExpectationResult> expectations, List<UpstreamReport> upstreams, List<TargetReport> targets,
                     JournalReport journal, HarnessReport harness, List<Series> series) {
        this(formatVersion, scenario, file, description, seed, verdict, exitCode, startedAt, durationSeconds, message, phases,
                expectations, upstreams, targets, journal, harness, series, List.of());
    }

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(verdict, "verdict");
        file = Objects.requireNonNullElse(file, "");
        description = Objects.requireNonNullElse(description, "");
        startedAt = Objects.requireNonNullElse(startedAt, "");
        message = Objects.requireNonNullElse(message, "");
        phases = phases == null ? List.of() : List.copyOf(phases);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        targets = targets == null ? List.of() : List.copyOf(targets);
        series = series == null ? List.of() : List.copyOf(series);
        markers = markers == null ? List.of() : List.copyOf(markers);
        // An older or hand-made report.json may omit these; renderers should not each guard for null.
        journal = journal == null ? JournalReport.EMPTY : journal;
        harness = harness == null ? HarnessReport.EMPTY : harness;
    }
}
