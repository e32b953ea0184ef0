package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.TimerNoise;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.judge.Judge;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.CallsBy;
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
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry analysis reads a journal in place (columns from its compact requests, ids compared as
 * packed longs) and must find exactly what it finds in the journal's snapshot of records: the same
 * calls, keys and order, and the same verdicts and explanations, whatever form the ids take.
 */
class JudgedJournalTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /**
     * Two upstreams; calls retried during an outage with ids in every form the journal keeps: canonical
     * UUIDs (packed), uppercase UUIDs and free text (kept as strings), traceparents whose trace id is the
     * same in a canonical and a non-canonical header (one call, though only one is packed), attempts
     * without ids, and attempts appended out of time order and at the same instant.
     */
    private static Journal journal() {
        SplittableRandom random = new SplittableRandom(3);
        List<Event> events = new ArrayList<>();
        events.add(new PhaseStarted(0, 0, "steady"));
        events.add(new PhaseStarted(5_000 * MS, 1, "outage"));
        events.add(new PhaseStarted(15_000 * MS, 2, "recovery"));
        events.add(new TimerNoise(9_000 * MS, 8_000 * MS, 50, MS, 2 * MS, 4 * MS));
        for (int call = 0; call < 120; call++) {
            long at = call * 200 * MS + random.nextInt(5) * MS;
            int client = call % 6;
            String id = switch (call % 5) {
                case 0 -> UUID.randomUUID().toString();
                case 1 -> UUID.randomUUID().toString().toUpperCase();
                case 2 -> "order-" + call;
                case 3 -> call % 2 == 0 ? null : "order-" + call;
                default -> UUID.randomUUID().toString();
            };
            String traceId = String.format("%032x", 0xABCDEFL * (call + 1));
            String key = call % 3 == 0 ? UUID.randomUUID().toString() : null;
            boolean outage = at >= 5_000 * MS && at < 15_000 * MS;
            int attempts = outage ? 1 + call % 4 : 1;
            long t = at;
            for (int a = 0; a < attempts; a++) {
                boolean last = a == attempts - 1;
                int status = outage && !last ? (call % 7 == 0 ? 429 : 503) : 200;
                // The same trace id, canonical on even attempts and with uppercase flags (kept as a string) on odd ones.
                String traceparent = "00-" + traceId + "-" + String.format("%016x", 17L * a + call) + (a % 2 == 0 ? "-01" : "-0A");
                String retryAfter = status == 503 ? (call % 2 == 0 ? "1" : "0") : status == 429 ? "soon" : null;
                events.add(new UpstreamRequest(t, t + 2 * MS, call % 10 == 9 ? "ledger" : "payments", client, call * 10L + a,
                        call % 4 == 0 ? "GET" : "POST", "/pay", id, traceparent, key, status == 200 ? null : "outage/payments[0]",
                        status == 200 ? "route" : "respond", status, 2, -1, -1, retryAfter, Outcome.COMPLETED));
                t += (long) ((0.4 + random.nextDouble() * 0.3) * 1_000 * MS) * (a + 1);
                if (random.nextInt(8) == 0) {
                    // Another attempt at the very same instant, from another client.
                    events.add(new UpstreamRequest(t, t + MS, "payments", (client + 1) % 6, 9_000L + call, "GET", "/pay",
                            null, null, null, null, "route", 200, 2, -1, -1, null, Outcome.COMPLETED));
                }
            }
        }
        events.add(new RunEnded(25_000 * MS, false));
        // Appended a little out of order, as concurrent handlers append; the snapshot sorts by time.
        for (int i = 0; i + 1 < events.size(); i += 7) {
            Event e = events.get(i);
            events.set(i, events.get(i + 1));
            events.set(i + 1, e);
        }
        Journal journal = new Journal(10_000);
        events.forEach(journal::append);
        return journal;
    }

    @Test
    void groupsTheJournalInPlaceAsTheRecordsAreGrouped() {
        Journal journal = journal();
        List<Event> snapshot = journal.snapshot();
        for (String upstream : List.of("payments", "ledger")) {
            List<UpstreamRequest> records = snapshot.stream().filter(UpstreamRequest.class::isInstance)
                    .map(UpstreamRequest.class::cast).filter(r -> r.upstream().equals(upstream)).toList();
            AttemptColumns inPlace = JudgedJournal.of(journal).attemptsAt(upstream);
            AttemptColumns fromList = JudgedJournal.of(snapshot).attemptsAt(upstream);
            for (CallsBy by : List.of(new CallsBy.Header("X-Request-Id"), new CallsBy.Header("traceparent"),
                    new CallsBy.Header("idempotency-key"), new CallsBy.Auto(), new CallsBy.Client())) {
                CallGrouping.Calls expected = (CallGrouping.Calls) CallGrouper.group(records, by, Set.of(429));
                for (AttemptColumns columns : List.of(inPlace, fromList)) {
                    CallColumns calls = (CallColumns) CallColumns.group(columns, by, Set.of(429));
                    assertThat(calls.calls()).as(upstream + " by " + by).containsExactlyElementsOf(expected.calls());
                    assertThat(calls.basis()).isEqualTo(expected.basis());
                    assertThat(calls.attemptsWithoutId()).isEqualTo(expected.attemptsWithoutId());
                }
            }
        }
    }

    @Test
    void judgesTheJournalInPlaceAsItsSnapshot() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: judged in place
                upstreams:
                  payments: {}
                  ledger: {}
                phases:
                  - {name: steady, duration: 5s}
                  - name: outage
                    duration: 10s
                    faults:
                      payments: [{respond: {status: 503}}]
                      ledger: [{respond: {status: 503}}]
                  - {name: recovery, duration: 10s}
                expect:
                  retries:
                    - upstream: payments
                      by: header:X-Request-Id
                      max-amplification: 2
                      max-attempts-per-call: 3
                      max-retry-ratio: 0.5
                      honor-retry-after: true
                      require-jitter: true
                      no-retry-on: [429]
                      max-sync: 4
                      max-recovery: 2s
                    - upstream: payments
                      by: header:traceparent
                      max-attempts-per-call: 3
                      honor-retry-after: true
                    - upstream: ledger
                      by: auto
                      max-amplification: 2
                      no-retry-on: [429]
                """);
        LoadOutcome loaded = new ScenarioLoader().load(file);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(LoadOutcome.Loaded.class);
        Scenario scenario = ((LoadOutcome.Loaded) loaded).scenario();
        Journal journal = journal();

        List<ExpectationResult> inPlace = Judge.all(scenario, journal, Optional.empty());
        List<ExpectationResult> fromSnapshot = Judge.all(scenario, journal.snapshot(), Optional.empty());

        assertThat(inPlace).hasSize(12).containsExactlyElementsOf(fromSnapshot);
        assertThat(inPlace).extracting(ExpectationResult::explanation).allMatch(text -> !text.isBlank());
    }
}
