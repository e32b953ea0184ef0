package dev.faultline.analysis.fairness;

import dev.faultline.analysis.Timeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static dev.faultline.analysis.fairness.FairnessJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HerdAnalyzerTest {
    private static HerdMeasurement measure(FairnessJournal j) {
        List<dev.faultline.journal.Event> events = j.events();
        return HerdAnalyzer.measure(FairnessSamples.atUpstream(events, "api", Timeline.of(events).phases())).orElseThrow();
    }

    /** 50 clients refused around 1 s and again around 3 s, each coming back after {@code wait} seconds plus a draw. */
    private static FairnessJournal fifty(double spreadSeconds) {
        SplittableRandom random = new SplittableRandom(3);
        FairnessJournal j = journal().phase("busy", 0).end(8);
        for (int c = 0; c < 50; c++) {
            double refused = 1.0 + c * 0.001;
            double back = refused + 1.001 + random.nextDouble() * spreadSeconds;
            j.attempt("api", c, refused, 429, "1", null).attempt("api", c, back, 429, "1", null)
                    .attempt("api", c, back + 1.001 + random.nextDouble() * spreadSeconds, 200, null, null);
        }
        return j;
    }

    @Test
    void fiftyClientsComingBackTogetherAtTheResetAreAHerd() {
        HerdMeasurement h = measure(fifty(0));

        assertThat(h.clients()).isEqualTo(50);
        assertThat(h.returns()).isEqualTo(100);
        assertThat(h.peak()).isEqualTo(50);
        assertThat(h.ratio()).isGreaterThan(5);
        assertThat(h.peakAtNanos()).isBetween(2_000_000_000L, 2_010_000_000L);
    }

    @Test
    void fiftyClientsThatSpreadTheirReturnsOverASecondAreNot() {
        HerdMeasurement h = measure(fifty(1.0));

        assertThat(h.ratio()).isLessThan(3);
        assertThat(h.lowestPossibleRatio()).isLessThan(1.5);
    }

    @Test
    void aFewReturnsOverALongWindowCannotScoreLow() {
        HerdMeasurement h = measure(journal().phase("busy", 0).end(8)
                .attempt("api", 0, 1, 429, "1", null).attempt("api", 0, 2.2, 200, null, null)
                .attempt("api", 1, 4, 429, "1", null).attempt("api", 1, 5.3, 200, null, null));

        assertThat(h.returns()).isEqualTo(2);
        assertThat(h.bins()).isEqualTo(32);
        assertThat(h.lowestPossibleRatio()).isCloseTo(16, within(1e-9));
    }

    @Test
    void clientsThatNeverCameBackLeaveNothingToMeasure() {
        List<dev.faultline.journal.Event> events = journal().phase("busy", 0).end(8).attempt("api", 0, 1, 429, "1", null).events();

        assertThat(HerdAnalyzer.measure(FairnessSamples.atUpstream(events, "api", Timeline.of(events).phases()))).isEmpty();
    }
}
