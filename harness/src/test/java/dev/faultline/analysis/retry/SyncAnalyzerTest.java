package dev.faultline.analysis.retry;

import dev.faultline.analysis.JournalFixture;
import dev.faultline.scenario.CallsBy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.faultline.analysis.JournalFixture.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyncAnalyzerTest {

    private static Optional<SyncMeasurement> sync(JournalFixture j, String... during) {
        RetryScope scope = new RetryScope("payments", List.of(during), new CallsBy.Auto(), Optional.empty(), Set.of(),
                List.of(during), Optional.empty());
        return RetryAnalysis.of(j.events(), scope).sync();
    }

    @Test
    void tenClientsRetryingInTheSame100msArePeakedAgainstTheWholeRetryWindow() {
        JournalFixture j = journal().phase("outage", 0).end(10_000);
        for (int c = 0; c < 10; c++) {
            j.failingCall("payments", c, "call-" + c, 0.010 + c * 0.001, 1.0);
        }

        SyncMeasurement s = sync(j, "outage").orElseThrow();

        // Retries arrive at 1.011 .. 1.020 s; bins from 0 s to the one holding 1.020 s: 11 bins.
        assertThat(s.retries()).isEqualTo(10);
        assertThat(s.bins()).isEqualTo(11);
        assertThat(s.peak()).isEqualTo(10);
        assertThat(s.mean()).isCloseTo(10 / 11.0, within(1e-9));
        assertThat(s.ratio()).isCloseTo(11.0, within(1e-9));
        assertThat(s.clients()).isEqualTo(10);
        assertThat(s.firstRetriesPeak()).isEqualTo(10);
        assertThat(s.peakAtNanos()).isEqualTo(1_011_000_000L);
    }

    @Test
    void retriesSpreadEvenlyHaveAPeakToMeanNearOne() {
        JournalFixture j = journal().phase("outage", 0).end(10_000);
        for (int c = 0; c < 20; c++) {
            // first attempt every 110 ms, retry 49 ms after it ended: never two retries within 100 ms
            j.failingCall("payments", c, "call-" + c, c * 0.11, 0.049);
        }

        SyncMeasurement s = sync(j, "outage").orElseThrow();

        // retries at 0.05 .. 2.14 s: 22 bins for 20 retries
        assertThat(s.peak()).isEqualTo(1);
        assertThat(s.bins()).isEqualTo(22);
        assertThat(s.ratio()).isCloseTo(1.1, within(1e-9));
        assertThat(s.lowestPossibleRatio()).isCloseTo(1.1, within(1e-9));
    }

    @Test
    void aBurstThatStraddlesABinEdgeIsNotSplit() {
        JournalFixture j = journal().phase("outage", 0).end(10_000);
        for (int c = 0; c < 5; c++) {
            j.failingCall("payments", c, "left-" + c, 0.0, 0.090 + c * 0.001);
            j.failingCall("payments", c, "right-" + c, 0.0, 0.105 + c * 0.001);
        }

        assertThat(sync(j, "outage").orElseThrow().peak()).isEqualTo(10);
    }

    @Test
    void retriesThatSpillPastThePhaseStillCountAndTheWorstWindowIsReported() {
        JournalFixture j = journal().phase("outage", 0).phase("calm", 2_000).phase("outage2", 4_000).end(10_000);
        for (int c = 0; c < 4; c++) {
            j.failingCall("payments", c, "a-" + c, 1.9, 0.5);                  // retries at 2.4 s, after outage ended
            j.failingCall("payments", c, "b-" + c, 4.0 + c * 0.5, 0.1);        // spread in outage2
        }

        SyncMeasurement s = sync(j, "outage", "outage2").orElseThrow();

        assertThat(s.window().name()).isEqualTo("outage");
        assertThat(s.retries()).isEqualTo(4);
        assertThat(s.windowSeconds()).isCloseTo(2.401, within(0.001));
    }

    @Test
    void withoutRetriesThereIsNothingToMeasure() {
        JournalFixture j = journal().phase("outage", 0).end(10_000).failingCall("payments", 0, "a", 1.0);

        assertThat(sync(j, "outage")).isEmpty();
    }
}
