package dev.faultline.analysis.fairness;

import dev.faultline.analysis.Timeline;
import dev.faultline.analysis.fairness.FairnessJournal.Bucket;
import dev.faultline.analysis.fairness.FairnessJournal.Reaction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.faultline.analysis.fairness.FairnessJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LimitedRateAnalyzerTest {
    /** Replicas 0-2 at 20 requests/s for 10 s, each through its own bucket of 20 per 2 s (10/s), each reacting its way. */
    private static List<LimitedRate> perClient(Reaction... reactions) {
        FairnessJournal j = journal().phase("busy", 0).end(10);
        for (int r = 0; r < reactions.length; r++) {
            j.replica("api", r, 20, 0, 10, new Bucket(20, 2, 0), reactions[r]);
        }
        List<dev.faultline.journal.Event> events = j.events();
        Map<String, List<FairnessSample>> samples = FairnessSamples.atUpstream(events, "api", Timeline.of(events).phases());
        return LimitedRateAnalyzer.measure(samples.values(), FairnessSample::client, new double[] {10});
    }

    @Test
    void betweenItsFirstAndLast429AClientThatKeepsAskingGetsExactlyTheLimitsRate() {
        List<LimitedRate> rates = perClient(Reaction.IGNORES, Reaction.honours(0.2, 7));

        assertThat(rates).extracting(LimitedRate::key).containsExactly("replica 0", "replica 1");
        assertThat(rates.get(0).goodput()).isCloseTo(1.0, within(0.02));
        assertThat(rates.get(0).limitPerSecond()).isCloseTo(10, within(1e-9));
        assertThat(rates.get(1).goodput()).isCloseTo(1.0, within(0.03));
        assertThat(rates.get(1).spanSeconds()).isGreaterThan(5);
    }

    @Test
    void aClientThatStaysAwayLongerThanItsBucketTakesToFillWastesWhatTheLimitAllows() {
        LimitedRate overThrottled = perClient(Reaction.stopsFor(5)).get(0);

        // Each 5 s pause lets the bucket fill after 2 s (20 tokens), then a 2 s burst takes 40: 40 per 7 s.
        assertThat(overThrottled.goodput()).isCloseTo(40 / 70.0, within(0.03));
        assertThat(overThrottled.error()).isCloseTo(40 / 70.0 - 1, within(0.03));
    }

    @Test
    void aSharedLimitIsMeasuredForAllItsClientsTogether() {
        Bucket shared = new Bucket(20, 2, 0);
        List<dev.faultline.journal.Event> events = journal().phase("busy", 0).end(10)
                .replica("api", 0, 20, 0, 10, shared, Reaction.IGNORES)
                .replica("api", 1, 5, 0, 10, shared, Reaction.IGNORES).events();
        Map<String, List<FairnessSample>> samples = FairnessSamples.atUpstream(events, "api", Timeline.of(events).phases());

        List<LimitedRate> rates = LimitedRateAnalyzer.measure(samples.values(), s -> "all", new double[] {10});

        assertThat(rates).singleElement().satisfies(r -> assertThat(r.perSecond()).isCloseTo(10, within(0.2)));
    }

    @Test
    void aKeyRefusedOnceHasNoSpanAndOneNeverRefusedIsNotListed() {
        List<dev.faultline.journal.Event> events = journal().phase("busy", 0).end(10)
                .attempt("api", 0, 1, 429, "1", null).attempt("api", 0, 2, 200, null, null)
                .attempt("api", 1, 1, 200, null, null).events();
        Map<String, List<FairnessSample>> samples = FairnessSamples.atUpstream(events, "api", Timeline.of(events).phases());

        List<LimitedRate> rates = LimitedRateAnalyzer.measure(samples.values(), FairnessSample::client, new double[] {10});

        assertThat(rates).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("replica 0");
            assertThat(r.spanSeconds()).isZero();
            assertThat(r.perSecond()).isNaN();
        });
    }
}
