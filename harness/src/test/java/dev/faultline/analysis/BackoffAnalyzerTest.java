package dev.faultline.analysis;

import dev.faultline.scenario.CallsBy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.faultline.analysis.JournalFixture.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BackoffAnalyzerTest {

    static BackoffMeasurement backoff(JournalFixture j) {
        RetryScope scope = new RetryScope("payments", List.of("outage"), new CallsBy.Auto(), Optional.empty(), Set.of(),
                List.of("outage"), Optional.empty());
        return RetryAnalysis.of(j.events(), scope).backoff().orElseThrow();
    }

    private static JournalFixture outage() {
        return journal().phase("outage", 0).end(60_000);
    }

    @Test
    void aHerdWaitingOneTwoFourSecondsIsExponentialTimesTwoWithoutJitter() {
        JournalFixture j = outage();
        for (int c = 0; c < 10; c++) {
            double noise = c * 0.0007;
            j.failingCall("payments", c, "call-" + c, 0.010 + c * 0.002, 1.0 + noise, 2.0 - noise, 4.0 + noise);
        }

        BackoffMeasurement b = backoff(j);

        assertThat(b.gaps()).extracting(GapStats::samples).containsExactly(10, 10, 10);
        assertThat(b.gaps()).extracting(GapStats::meanSeconds)
                .satisfiesExactly(g -> assertThat(g).isCloseTo(1.0, within(0.01)),
                        g -> assertThat(g).isCloseTo(2.0, within(0.01)),
                        g -> assertThat(g).isCloseTo(4.0, within(0.01)));
        assertThat(b.leadingImmediate()).isZero();
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class, e -> {
            assertThat(e.factor()).isCloseTo(2.0, within(0.01));
            assertThat(e.gaps()).isEqualTo(3);
        });
        assertThat(b.jitterCv().getAsDouble()).isLessThan(0.01);
        assertThat(b.callsRetried()).isEqualTo(10);
        assertThat(b.retries()).isEqualTo(30);
    }

    @Test
    void retriesWithNoWaitAreNoBackoffAndNoJitter() {
        JournalFixture j = outage();
        for (int c = 0; c < 5; c++) {
            j.failingCall("payments", 0, "call-" + c, 1.0 + c * 0.01, 0.001, 0.002, 0.001, 0.003);
        }

        BackoffMeasurement b = backoff(j);

        assertThat(b.shape()).isInstanceOf(BackoffShape.None.class);
        assertThat(b.leadingImmediate()).isEqualTo(4);
        assertThat(b.jitterCv()).hasValue(0.0);
    }

    @Test
    void theSameWaitEveryTimeIsConstant() {
        JournalFixture j = outage();
        for (int c = 0; c < 4; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0, 0.5, 0.51, 0.49, 0.5);
        }

        assertThat(backoff(j).shape()).isInstanceOfSatisfying(BackoffShape.Constant.class,
                k -> assertThat(k.seconds()).isCloseTo(0.5, within(0.01)));
    }

    @Test
    void waitsGrowingByAFixedStepAreLinear() {
        JournalFixture j = outage();
        for (int c = 0; c < 4; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        }

        assertThat(backoff(j).shape()).isInstanceOfSatisfying(BackoffShape.Linear.class, l -> {
            assertThat(l.firstSeconds()).isCloseTo(0.2, within(0.01));
            assertThat(l.stepSeconds()).isCloseTo(0.2, within(0.01));
        });
    }

    @Test
    void anImmediateFirstRetryThenDoublingIsReadAsUrllib3Does() {
        JournalFixture j = outage();
        for (int c = 0; c < 4; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0, 0.002, 0.4, 0.8, 1.6);
        }

        BackoffMeasurement b = backoff(j);

        assertThat(b.leadingImmediate()).isEqualTo(1);
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class, e -> {
            assertThat(e.factor()).isCloseTo(2.0, within(0.01));
            assertThat(e.firstSeconds()).isCloseTo(0.4, within(0.01));
        });
    }

    @Test
    void doublingThatStopsAtACeilingIsCapped() {
        JournalFixture j = outage();
        for (int c = 0; c < 4; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0, 0.1, 0.2, 0.4, 0.8, 0.8, 0.8);
        }

        assertThat(backoff(j).shape()).isInstanceOfSatisfying(BackoffShape.Capped.class, capped -> {
            assertThat(capped.capSeconds()).isCloseTo(0.8, within(0.01));
            assertThat(capped.growth()).isInstanceOfSatisfying(BackoffShape.Exponential.class,
                    e -> assertThat(e.factor()).isCloseTo(2.0, within(0.05)));
        });
    }

    @Test
    void oneRetryPerCallCannotTellTheShape() {
        JournalFixture j = outage();
        j.failingCall("payments", 0, "a", 1.0, 0.3).failingCall("payments", 1, "b", 1.0, 0.3);

        assertThat(backoff(j).shape()).isInstanceOfSatisfying(BackoffShape.Single.class,
                s -> assertThat(s.seconds()).isCloseTo(0.3, within(0.01)));
    }

    @Test
    void waitsThatRiseAndFallHaveNoRegularShape() {
        JournalFixture j = outage();
        for (int c = 0; c < 3; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0, 1.0, 0.2, 3.0);
        }

        assertThat(backoff(j).shape()).isInstanceOf(BackoffShape.Irregular.class);
    }

    @Test
    void fullJitterHasACoefficientOfVariationNearOneOverRootThree() {
        SplittableRandom random = new SplittableRandom(42);
        JournalFixture j = outage();
        for (int c = 0; c < 60; c++) {
            double[] gaps = new double[3];
            for (int n = 0; n < 3; n++) {
                gaps[n] = random.nextDouble() * 0.2 * Math.pow(2, n);
            }
            j.failingCall("payments", 0, "call-" + c, 1.0 + c * 0.005, gaps);
        }

        BackoffMeasurement b = backoff(j);

        assertThat(b.jitterCv().getAsDouble()).isCloseTo(0.577, within(0.12));
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class,
                e -> assertThat(e.factor()).isCloseTo(2.0, within(0.4)));
    }

    @Test
    void equalJitterHasACoefficientOfVariationNearZeroPointTwo() {
        SplittableRandom random = new SplittableRandom(7);
        JournalFixture j = outage();
        for (int c = 0; c < 60; c++) {
            double[] gaps = new double[3];
            for (int n = 0; n < 3; n++) {
                double v = 0.2 * Math.pow(2, n);
                gaps[n] = v / 2 + random.nextDouble() * v / 2;
            }
            j.failingCall("payments", 0, "call-" + c, 1.0 + c * 0.005, gaps);
        }

        BackoffMeasurement b = backoff(j);

        assertThat(b.jitterCv().getAsDouble()).isCloseTo(0.192, within(0.05));
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class,
                e -> assertThat(e.factor()).isCloseTo(2.0, within(0.2)));
    }

    @Test
    void jitterComparesOnlyCallsThatFailedTogether() {
        // Each call waits a different, fixed time, but no two failed within a second of each other:
        // there is no cohort to compare, so jitter is not measured (the spread is not jitter).
        JournalFixture j = outage()
                .failingCall("payments", 0, "a", 1.0, 0.5)
                .failingCall("payments", 0, "b", 5.0, 1.5)
                .failingCall("payments", 0, "c", 9.0, 3.0);

        assertThat(backoff(j).jitterCv()).isEmpty();
    }

    @Test
    void aHerdFailingTogetherTwiceIsComparedWithinEachCohort() {
        // Two waves, each in lockstep but with a different wait (as if a server's Retry-After changed):
        // within each wave there is no jitter, even though the waits differ between waves.
        JournalFixture j = outage();
        for (int c = 0; c < 5; c++) {
            j.failingCall("payments", c, "early-" + c, 1.0 + c * 0.001, 1.0);
            j.failingCall("payments", c, "late-" + c, 10.0 + c * 0.001, 3.0);
        }

        assertThat(backoff(j).jitterCv().getAsDouble()).isLessThan(0.01);
    }

    @Test
    void aFewCallsThatRetriedFurtherDoNotDecideTheShape() {
        JournalFixture j = outage();
        for (int c = 0; c < 8; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0, 0.5, 1.0, 2.0);
        }
        j.failingCall("payments", 9, "stubborn", 1.0, 0.5, 1.0, 2.0, 0.1);

        BackoffMeasurement b = backoff(j);

        assertThat(b.gaps()).hasSize(4);
        assertThat(b.shape()).isInstanceOf(BackoffShape.Exponential.class);
    }
}
