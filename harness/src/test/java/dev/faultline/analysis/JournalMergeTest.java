package dev.faultline.analysis;

import dev.faultline.judge.Judge;
import dev.faultline.journal.Event;
import dev.faultline.journal.JournalJson;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.faultline.analysis.JournalFixture.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalMergeTest {
    @TempDir
    Path dir;

    private Scenario scenario() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: judged from two pods
                upstreams:
                  payments: {}
                phases:
                  - {name: steady, duration: 5s}
                  - name: outage
                    duration: 10s
                    faults:
                      payments:
                        - respond: {status: 503}
                  - {name: recovery, duration: 10s}
                expect:
                  retries:
                    upstream: payments
                    during: outage
                    by: client
                    max-attempts-per-call: 4
                    max-amplification: 2.5
                    max-retry-ratio: 0.9
                    require-jitter: true
                    max-sync: 3
                """);
        LoadOutcome result = new ScenarioLoader().load(file);
        assertThat(result).as(result.toString()).isInstanceOf(LoadOutcome.Loaded.class);
        return ((LoadOutcome.Loaded) result).scenario();
    }

    /** Ten clients in lockstep and two jittered ones: some checks fail, some pass. */
    private static List<Event> whole() {
        JournalFixture j = journal().phase("steady", 0).phase("outage", 5_000).phase("recovery", 15_000).end(25_000);
        for (int c = 0; c < 10; c++) {
            j.failingCall("payments", c, null, 5.010 + c * 0.003, 1.0, 2.0, 4.0);
        }
        j.failingCall("payments", 10, null, 6.2, 0.7);
        j.failingCall("payments", 11, null, 7.9, 1.9);
        j.served("payments", 1_000, 12, null, 200).served("payments", 20_000, 12, null, 200);
        return j.events();
    }

    /** Pod B's clock started {@code offsetNanos} before pod A's: its instants read that much more. */
    private static List<List<Event>> splitAlternating(List<Event> events, long offsetNanos) throws IOException {
        List<Event> a = new ArrayList<>();
        List<Event> b = new ArrayList<>();
        int n = 0;
        for (Event e : events) {
            if (e instanceof PhaseStarted || e instanceof RunEnded) {
                a.add(e);
                b.add(shift(e, offsetNanos));
            } else if (n++ % 2 == 0) {
                a.add(e);
            } else {
                b.add(shift(e, offsetNanos));
            }
        }
        return List.of(a, b);
    }

    private static Event shift(Event e, long by) throws IOException {
        String line = JournalJson.toLine(e);
        for (String field : List.of("atNanos", "endNanos")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(line);
            if (m.find()) {
                line = line.substring(0, m.start(1)) + (Long.parseLong(m.group(1)) + by) + line.substring(m.end(1));
            }
        }
        return JournalJson.fromLine(line);
    }

    @Test
    void aJournalSplitIntoTwoPodsWithTheirOwnClocksJudgesLikeTheWhole() throws IOException {
        Scenario scenario = scenario();
        List<Event> whole = whole();
        List<List<Event>> pods = splitAlternating(whole, 3_700_000_000L);

        List<JournalMerge.Tagged> merged = JournalMerge.merge(List.of(
                new JournalMerge.Source("pod-a", pods.get(0)), new JournalMerge.Source("pod-b", pods.get(1))));

        List<Event> sorted = whole.stream().sorted(Comparator.comparingLong(Event::atNanos)).toList();
        assertThat(JournalMerge.events(merged)).containsExactlyInAnyOrderElementsOf(sorted);
        List<ExpectationResult> expected = Judge.all(scenario, whole);
        List<ExpectationResult> judged = Judge.all(scenario, JournalMerge.events(merged));
        assertThat(judged).isEqualTo(expected);
        assertThat(expected).extracting(ExpectationResult::status).contains(CheckStatus.FAILED, CheckStatus.PASSED);
        // and each pod alone does not: half the attempts are missing
        List<ExpectationResult> alone = Judge.all(scenario, pods.get(0));
        assertThat(alone).isNotEqualTo(expected);
    }

    @Test
    void everyEventIsTaggedWithItsPodAndTheTagGoesIntoItsJsonLine() throws IOException {
        List<List<Event>> pods = splitAlternating(whole(), 1_000_000_000L);

        List<JournalMerge.Tagged> merged = JournalMerge.merge(List.of(
                new JournalMerge.Source("http://10.0.0.1:8099", pods.get(0)), new JournalMerge.Source("b.jsonl", pods.get(1))));

        long fromB = merged.stream().filter(t -> t.pod().equals("b.jsonl")).count();
        long requestsOfB = pods.get(1).stream().filter(UpstreamRequest.class::isInstance).count();
        assertThat(fromB).isEqualTo(requestsOfB);
        JournalMerge.Tagged one = merged.stream().filter(t -> t.pod().equals("b.jsonl")).findFirst().orElseThrow();
        assertThat(one.line()).contains("\"pod\":\"b.jsonl\"");
        assertThat(JournalJson.fromLine(one.line())).isEqualTo(one.event());
        assertThat(merged.stream().filter(t -> t.event() instanceof PhaseStarted)).hasSize(3);
        assertThat(merged.stream().filter(t -> t.event() instanceof RunEnded)).hasSize(1);
    }

    @Test
    void eachEventKeepsItsDistanceFromTheStartOfThePhaseItMetOnItsPod() {
        // pod b entered the outage 0.4 s later after its steady phase than pod a (a manual switch)
        List<Event> a = journal().phase("steady", 0).phase("outage", 5_000).faulted("payments", 5_100, 0, null, 503).events();
        List<Event> b = journal().phase("steady", 2_000).phase("outage", 7_400).faulted("payments", 7_500, 0, null, 503)
                .served("payments", 3_000, 0, null, 200).events();

        List<Event> merged = JournalMerge.events(JournalMerge.merge(List.of(
                new JournalMerge.Source("a", a), new JournalMerge.Source("b", b))));

        List<Long> requests = merged.stream().filter(UpstreamRequest.class::isInstance).map(Event::atNanos).toList();
        assertThat(requests).containsExactly(1_000_000_000L, 5_100_000_000L, 5_100_000_000L);
    }

    @Test
    void journalsThatPlayedDifferentPhasesAreRefusedNamingBoth() {
        List<Event> a = journal().phase("steady", 0).phase("outage", 5_000).events();
        List<Event> b = journal().phase("steady", 0).phase("recovery", 5_000).events();

        assertThatThrownBy(() -> JournalMerge.merge(List.of(new JournalMerge.Source("a", a), new JournalMerge.Source("b", b))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("played the phases [steady, recovery] but a played [steady, outage]");
    }

    @Test
    void aJournalWithoutPhaseStartsCannotJoinOthersButIsJudgedAlone() {
        List<Event> a = journal().phase("steady", 0).faulted("payments", 100, 0, null, 503).events();
        List<Event> b = journal().faulted("payments", 100, 0, null, 503).events();

        assertThatThrownBy(() -> JournalMerge.merge(List.of(new JournalMerge.Source("a", a), new JournalMerge.Source("b", b))))
                .hasMessageContaining("b holds no phase-started event");
        assertThat(JournalMerge.merge(List.of(new JournalMerge.Source("b", b)))).hasSize(1);
    }
}
