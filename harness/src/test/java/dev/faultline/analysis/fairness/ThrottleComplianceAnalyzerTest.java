package dev.faultline.analysis.fairness;

import dev.faultline.analysis.Timeline;
import dev.faultline.analysis.WallClock;
import dev.faultline.analysis.fairness.FairnessJournal.Bucket;
import dev.faultline.analysis.fairness.FairnessJournal.Reaction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.faultline.analysis.fairness.FairnessJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThrottleComplianceAnalyzerTest {
    private static Map<String, List<FairnessSample>> samples(FairnessJournal j) {
        List<dev.faultline.journal.Event> events = j.events();
        return FairnessSamples.atUpstream(events, "api", Timeline.of(events).phases());
    }

    private static ThrottleCompliance measure(FairnessJournal j) {
        return ThrottleComplianceAnalyzer.measure(samples(j), Optional.empty());
    }

    @Test
    void clientsThatWaitTheRetryAfterAndMoreAreNeverEarly() {
        FairnessJournal j = journal().phase("busy", 0).end(10);
        for (int r = 0; r < 3; r++) {
            j.replica("api", r, 20, 0, 10, new Bucket(20, 2, 0), Reaction.honours(0.2, r));
        }

        ThrottleCompliance c = measure(j);

        assertThat(c.refusalsWithWait()).isGreaterThan(9);
        assertThat(c.early()).isEmpty();
        assertThat(c.earlyByClient()).containsOnlyKeys("replica 0", "replica 1", "replica 2").containsValues(0L);
        assertThat(c.followed()).isEqualTo(c.refusalsWithWait());
        assertThat(c.closest()).hasValueSatisfying(w -> {
            assertThat(w.askedNanos()).isEqualTo(1_000_000_000L);
            assertThat(w.waitedNanos()).isBetween(1_000_000_000L, 1_200_000_000L);
            assertThat(w.told()).isEqualTo("Retry-After: 1");
        });
    }

    @Test
    void aClientThatKeepsItsPaceIsEarlyAfterEvery429() {
        FairnessJournal j = journal().phase("busy", 0).end(10)
                .replica("api", 0, 20, 0, 10, new Bucket(20, 2, 0), Reaction.honours(0.2, 1))
                .replica("api", 1, 20, 0, 10, new Bucket(20, 2, 0), Reaction.IGNORES);

        ThrottleCompliance c = measure(j);

        assertThat(c.earlyByClient()).containsEntry("replica 0", 0L);
        // Its bucket lasts until its first 429 at 1.95 s; from then on each 429 asks for a second and it is
        // refused every other request, so all of its 160 later requests come early.
        assertThat(c.earlyByClient()).containsEntry("replica 1", 160L);
        ThrottleWait first = c.early().get(0);
        assertThat(first.client()).isEqualTo("replica 1");
        assertThat(first.atNanos()).isEqualTo(2_000_000_000L);
        assertThat(first.waitedNanos()).isEqualTo(49_000_000L);
        assertThat(first.askedNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void aClientIsNotAskingForServiceWhileItWaitsAsToldButIsWhenItStaysAwayLonger() {
        FairnessJournal j = journal().phase("busy", 0).end(10)
                .replica("api", 0, 20, 0, 10, new Bucket(20, 2, 0), Reaction.honours(0, 1))
                .replica("api", 1, 20, 0, 10, new Bucket(20, 2, 0), Reaction.IGNORES)
                .replica("api", 2, 20, 0, 10, new Bucket(20, 2, 0), Reaction.stopsFor(5))
                .replica("api", 3, 20, 0, 10, new Bucket(200, 2, 0), Reaction.IGNORES)
                .replica("api", 4, 20, 0, 10, new Bucket(20, 2, 0), Reaction.honours(0.8, 4));
        List<dev.faultline.journal.Event> events = j.events();

        Map<String, Double> demand = ThrottleComplianceAnalyzer.demandWhileFree(samples(j), Timeline.of(events).phases(),
                Optional.empty());

        assertThat(demand.get("replica 0")).isCloseTo(20, within(0.5));
        assertThat(demand.get("replica 1")).isCloseTo(20, within(1.0));
        // Told to wait 1 s, it stays away 5, so 4 of those seconds count as free time it did not use: of the
        // 10 s, 2 are waits, and it sent 81 requests in the other 8 (one per stretch taken back: 79 / 8).
        assertThat(demand.get("replica 2")).isCloseTo(79 / 8.0, within(0.2));
        assertThat(demand.get("replica 3")).isCloseTo(20, within(0.2));
        // Its jitter (up to 80 % more than told) is part of waiting as told.
        assertThat(demand.get("replica 4")).isCloseTo(20, within(0.5));
    }

    @Test
    void aRequestAlreadyOnItsWayWhenThe429CameBackIsNotEarly() {
        FairnessJournal j = journal().phase("busy", 0).end(5)
                .attempt("api", 0, 1.000, 429, "2", null)
                .attempt("api", 0, 1.0005, 200, null, null)
                .attempt("api", 0, 3.002, 200, null, null);

        ThrottleCompliance c = measure(j);

        assertThat(c.early()).isEmpty();
        assertThat(c.followed()).isEqualTo(1);
    }

    @Test
    void fiftyMillisecondsEarlyIsWithinTolerance() {
        ThrottleCompliance onTime = measure(journal().phase("busy", 0).end(5)
                .attempt("api", 0, 1.000, 429, "1", null).attempt("api", 0, 1.952, 200, null, null));
        ThrottleCompliance early = measure(journal().phase("busy", 0).end(5)
                .attempt("api", 0, 1.000, 429, "1", null).attempt("api", 0, 1.949, 200, null, null));

        assertThat(onTime.early()).isEmpty();
        assertThat(early.early()).hasSize(1);
    }

    @Test
    void withoutRetryAfterTheResetOfAnExhaustedRateLimitPolicyIsTheWait() {
        ThrottleCompliance c = measure(journal().phase("busy", 0).end(5)
                .attempt("api", 0, 1.000, 429, null, "\"default\";r=0;t=2")
                .attempt("api", 0, 2.500, 200, null, null));

        assertThat(c.early()).singleElement().satisfies(w -> {
            assertThat(w.told()).isEqualTo("RateLimit t=2");
            assertThat(w.askedNanos()).isEqualTo(2_000_000_000L);
        });
    }

    @Test
    void retryAfterTakesPrecedenceOverTheRateLimitReset() {
        ThrottleCompliance c = measure(journal().phase("busy", 0).end(5)
                .attempt("api", 0, 1.000, 429, "1", "\"default\";r=0;t=3")
                .attempt("api", 0, 2.100, 200, null, null));

        assertThat(c.early()).isEmpty();
        assertThat(c.closest()).hasValueSatisfying(w -> assertThat(w.told()).isEqualTo("Retry-After: 1"));
    }

    @Test
    void anHttpDateIsJudgedOnlyWithTheRunsWallClockStart() {
        long start = Instant.parse("2026-11-26T10:00:00Z").toEpochMilli();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(start + 3_000).atZone(ZoneOffset.UTC));
        FairnessJournal j = journal().phase("busy", 0).end(5)
                .attempt("api", 0, 1.000, 429, date, null)
                .attempt("api", 0, 1.500, 200, null, null);

        ThrottleCompliance without = ThrottleComplianceAnalyzer.measure(samples(j), Optional.empty());
        ThrottleCompliance with = ThrottleComplianceAnalyzer.measure(samples(j), Optional.of(new WallClock(start)));

        assertThat(without.undated()).isEqualTo(1);
        assertThat(without.refusalsWithWait()).isZero();
        assertThat(with.early()).singleElement().satisfies(w -> assertThat(w.askedNanos()).isEqualTo(1_999_000_000L));
    }

    @Test
    void aRetryAfterThatIsNeitherADelayNorADateIsCountedNotJudged() {
        ThrottleCompliance c = measure(journal().phase("busy", 0).end(5)
                .attempt("api", 0, 1.000, 429, "soon", null).attempt("api", 0, 1.100, 200, null, null));

        assertThat(c.invalid()).isEqualTo(1);
        assertThat(c.early()).isEmpty();
    }
}
