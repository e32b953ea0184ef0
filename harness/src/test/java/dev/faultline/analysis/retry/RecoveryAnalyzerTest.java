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

class RecoveryAnalyzerTest {

    private static RecoveryMeasurement measure(JournalFixture j, List<String> faultPhases, String... during) {
        RetryScope scope = new RetryScope("payments", List.of(during), new CallsBy.Auto(), Optional.empty(), Set.of(),
                faultPhases, Optional.empty());
        return RetryAnalysis.of(j.events(), scope).recovery();
    }

    /** {@code perSecond} attempts a second, evenly, in [from, to) seconds. */
    private static void steady(JournalFixture j, double from, double to, int perSecond) {
        long n = Math.round((to - from) * perSecond);
        for (long k = 0; k < n; k++) {
            j.attempt("payments", from + (double) k / perSecond).served().status(200).add();
        }
    }

    @Test
    void theRateBackWithinOnePointOneTimesTheBaselineTwoSecondsAfterTheFault() {
        JournalFixture j = journal().phase("steady", 0).phase("outage", 5_000).phase("recovery", 10_000).end(16_000);
        steady(j, 0, 5, 5);
        steady(j, 5, 10, 20);
        steady(j, 10, 11, 15);      // still storming
        steady(j, 11, 12, 10);
        steady(j, 12, 16, 5);       // back to normal (6 a slice allowed)

        RecoveryMeasurement.Measured m = (RecoveryMeasurement.Measured) measure(j, List.of("outage"), "outage");

        assertThat(m.baseline().name()).isEqualTo("steady");
        assertThat(m.baselinePerSecond()).isCloseTo(5.0, within(1e-9));
        assertThat(m.allowedPerSlice()).isEqualTo(6);
        assertThat(m.slices()).containsExactly(15L, 10L, 5L, 5L, 5L, 5L);
        assertThat(m.recovered()).isTrue();
        assertThat(m.recoverySeconds()).isEqualTo(2.0);
    }

    @Test
    void aSliceEdgeThatSplitsTheClientsNormalBurstsUnevenlyIsNotAStorm() {
        // Five calls at once, twice a second; after the fault, timer drift puts three bursts in one slice.
        JournalFixture j = journal().phase("steady", 0).phase("outage", 5_000).phase("recovery", 10_000).end(14_000);
        for (int k = 0; k < 10; k++) {
            burst(j, k * 0.5, 5);
        }
        for (double at : new double[] {10.2, 10.7, 11.9, 12.05, 12.5, 12.95, 13.4}) {
            burst(j, at, 5);
        }

        RecoveryMeasurement.Measured m = (RecoveryMeasurement.Measured) measure(j, List.of("outage"), "outage");

        assertThat(m.baselineBurst()).isEqualTo(5);
        assertThat(m.allowedPerSlice()).isEqualTo(16);
        assertThat(m.slices()).containsExactly(10L, 5L, 15L, 5L);
        assertThat(m.recoverySeconds()).isZero();
    }

    private static void burst(JournalFixture j, double at, int size) {
        for (int i = 0; i < size; i++) {
            j.attempt("payments", at + i * 0.001).served().status(200).add();
        }
    }

    @Test
    void aRateThatNeverComesDownIsNotRecovered() {
        JournalFixture j = journal().phase("steady", 0).phase("outage", 5_000).phase("recovery", 10_000).end(14_000);
        steady(j, 0, 5, 5);
        steady(j, 5, 14, 20);

        RecoveryMeasurement.Measured m = (RecoveryMeasurement.Measured) measure(j, List.of("outage"), "outage");

        assertThat(m.recovered()).isFalse();
        assertThat(m.observedSeconds()).isEqualTo(4.0);
    }

    @Test
    void theWatchEndsWhereTheNextFaultBegins() {
        JournalFixture j = journal().phase("steady", 0).phase("outage", 5_000).phase("calm", 10_000)
                .phase("outage2", 13_000).end(20_000);
        steady(j, 0, 5, 5);
        steady(j, 5, 20, 5);

        RecoveryMeasurement.Measured m = (RecoveryMeasurement.Measured) measure(j, List.of("outage", "outage2"), "outage");

        assertThat(m.slices()).hasSize(3);
        assertThat(m.recoverySeconds()).isZero();
    }

    @Test
    void withoutAFaultFreePhaseBeforeTheFaultThereIsNoNormalRate() {
        JournalFixture j = journal().phase("outage", 0).phase("recovery", 5_000).end(10_000);
        steady(j, 0, 10, 5);

        assertThat(measure(j, List.of("outage"), "outage")).isInstanceOfSatisfying(RecoveryMeasurement.Unmeasured.class,
                u -> assertThat(u.reason()).contains("no fault-free phase before outage"));
    }

    @Test
    void lessThanASecondAfterTheFaultCannotBeWatched() {
        JournalFixture j = journal().phase("steady", 0).phase("outage", 5_000).end(10_500);
        steady(j, 0, 10.5, 5);

        assertThat(measure(j, List.of("outage"), "outage")).isInstanceOfSatisfying(RecoveryMeasurement.Unmeasured.class,
                u -> assertThat(u.reason()).contains("less than 1 s"));
    }
}
