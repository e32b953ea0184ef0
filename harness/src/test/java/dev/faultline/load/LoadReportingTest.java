package dev.faultline.load;

import dev.faultline.analysis.health.HealthJournal;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.report.Series;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.faultline.analysis.health.HealthJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;

class LoadReportingTest {
    @TempDir
    Path dir;

    private Scenario scenario() throws IOException {
        Path file = Files.writeString(dir.resolve("s.yaml"), """
                name: reporting
                target: {url: "http://127.0.0.1:1"}
                load: {rate: 10/s, requests: [{path: /work}]}
                probes: {readiness: {path: /ready}}
                phases:
                  - {name: steady, duration: 1s}
                  - {name: outage, duration: 1s}
                """);
        return ((LoadOutcome.Loaded) new ScenarioLoader().load(file)).scenario();
    }

    private static HealthJournal journalOfTheRun() {
        return journal().phase("steady", 0).phase("outage", 1_000).end(2_000)
                .load(0, 1_000, 100, 200).load(1_000, 1_900, 100, 503)
                .loadRequest(1_900, 0, 1_000, 0, CallOutcome.CANCELLED)
                .readiness(0, 1_000, 250, 200).readiness(1_000, 2_000, 250, 503);
    }

    @Test
    void theNotesGiveTheDriversFidelityAndEachPhasesLoadAndEachProbe() throws IOException {
        List<String> notes = LoadReporting.notes(scenario(), journalOfTheRun().events());

        assertThat(notes).hasSize(5);
        assertThat(notes.get(0)).startsWith("load: 20 requests asked over 2 s, 20 sent (10/s); send lag against the schedule p50 0 ms");
        assertThat(notes.get(1)).isEqualTo("load during steady: 10 requests, 100 % succeeded (200: 10); latency p50 5 ms, p90 5 ms, p99 5 ms, max 5 ms");
        assertThat(notes.get(2)).startsWith("load during outage: 9 requests, 0 % succeeded (503: 9)");
        assertThat(notes.get(3)).isEqualTo("load: 1 request still in flight when the run ended was cancelled and is judged"
                + " neither way");
        assertThat(notes.get(4)).isEqualTo("probe readiness: 8 answers, 4 failed (503: 4); latency p99 5 ms, max 5 ms");
    }

    @Test
    void aPhaseLineSaysHowManyRequestsWereResentOnAFreshConnectionAndOnlyWhenThereWereAny() throws IOException {
        List<Event> events = new ArrayList<>(journalOfTheRun().events());
        long at = 1_500_000_000L;
        events.add(new dev.faultline.journal.LoadResult(at, at, at + 4_000_000L, 0, null, "GET", "/work", "resent-1", 200,
                CallOutcome.RESPONSE, null, null, null, null, "closed: IOException: unexpected end of stream"));

        List<String> notes = LoadReporting.notes(scenario(), events);

        assertThat(notes.get(1)).doesNotContain("resent");
        assertThat(notes.get(2)).startsWith("load during outage: 10 requests, 10 % succeeded (200: 1, 503: 9)")
                .endsWith("; 1 request resent on a fresh connection after a reused keep-alive connection failed before any response");
    }

    @Test
    void aPhaseLineSaysWhichProtocolsTheResponsesCameOverWhenTheJournalRecordedThem() throws IOException {
        List<Event> events = new ArrayList<>(journalOfTheRun().events());
        for (int i = 0; i < 3; i++) {
            long at = 1_100_000_000L + i * 100_000_000L;
            events.add(new dev.faultline.journal.LoadResult(at, at, at + 4_000_000L, 0, null, "GET", "/work", "p-" + i, 200,
                    CallOutcome.RESPONSE, null, null, null, null, null, i == 0 ? "http/1.1" : "h2"));
        }
        events.add(new dev.faultline.journal.LoadResult(1_000_000L, 1_000_000L, 5_000_000L, 0, null, "GET", "/work", "s", 200,
                CallOutcome.RESPONSE, null, null, null, null, null, "h2"));

        List<String> notes = LoadReporting.notes(scenario(), events);

        assertThat(notes.get(1)).endsWith("; over h2");
        assertThat(notes.get(2)).endsWith("; over h2 (2), http/1.1 (1)");
    }

    @Test
    void theChartsStackTheLoadByHowEachRequestEndedAndShowItsLatencyAndTheShareOfPassingProbes() {
        List<Series> series = LoadReporting.series(journalOfTheRun().events(), 0.5);

        assertThat(series).extracting(Series::name).containsExactly("load: 2xx", "load: 5xx", "load: cancelled",
                "load: p99 latency", "readiness: passing");
        assertThat(series.subList(0, 3)).allMatch(Series::stacked);
        assertThat(series.get(0).values().subList(0, 4)).containsExactly(10.0, 10.0, 0.0, 0.0);
        assertThat(series.get(1).values().subList(0, 4)).containsExactly(0.0, 0.0, 10.0, 8.0);
        assertThat(series.get(3).checks()).containsExactly("latency");
        assertThat(series.get(4).values().subList(0, 4)).containsExactly(1.0, 1.0, 0.0, 0.0);
    }

    @Test
    void nothingIsDrawnBeforeTheFirstProbeAnswerOrTheFirstRequestNorWhereNoRequestWasJudged() {
        HealthJournal late = journal().phase("steady", 0).end(3_000)
                .load(1_000, 2_000, 100, 200)
                .readiness(1_500, 3_000, 250, 200);

        List<Series> series = LoadReporting.series(late.events(), 0.5);

        assertThat(series.get(0).values().subList(0, 3)).containsExactly(Double.NaN, Double.NaN, 10.0);
        assertThat(series.get(1).name()).isEqualTo("load: p99 latency");
        assertThat(series.get(1).values().subList(0, 2)).containsExactly(Double.NaN, Double.NaN);
        assertThat(series.get(1).values().get(4)).isNaN();
        Series readiness = series.get(2);
        assertThat(readiness.values().subList(0, 3)).containsOnly(Double.NaN);
        assertThat(readiness.values().get(3)).isEqualTo(1.0);
    }
}
