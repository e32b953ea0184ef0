package dev.faultline.analysis.retry;

import dev.faultline.analysis.JournalFixture;
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
        assertThat(b.jitter().levels()).extracting(LevelJitter::verdict).containsOnly(LevelJitter.Verdict.NOISE);
        assertThat(b.jitter().present()).hasValue(false);
        assertThat(b.jitter().strongestCv()).isZero();
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
        assertThat(b.jitter().levels()).extracting(LevelJitter::verdict).containsOnly(LevelJitter.Verdict.IMMEDIATE);
        assertThat(b.jitter().present()).hasValue(false);
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

        assertThat(b.jitter().levels()).allSatisfy(l -> {
            assertThat(l.verdict()).isEqualTo(LevelJitter.Verdict.JITTER);
            assertThat(l.cv()).isCloseTo(0.577, within(0.15));
        });
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

        assertThat(b.jitter().levels()).allSatisfy(l -> {
            assertThat(l.verdict()).isEqualTo(LevelJitter.Verdict.JITTER);
            assertThat(l.cv()).isCloseTo(0.192, within(0.06));
        });
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

        assertThat(backoff(j).jitter().levels()).extracting(LevelJitter::verdict).containsExactly(LevelJitter.Verdict.TOO_FEW);
        assertThat(backoff(j).jitter().present()).isEmpty();
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

        assertThat(backoff(j).jitter().levels()).extracting(LevelJitter::verdict).containsExactly(LevelJitter.Verdict.NOISE);
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

    @Test
    void aFixedWidthJitterOnDoublingWaitsIsJitterAtTheShortLevelsThoughItsAverageCvIsSmall() {
        // urllib3 2 Retry(backoff_factor=0.5, backoff_jitter=1.0): 0, then 0.5 * 2^(n-1) + uniform(0, 1) s.
        SplittableRandom random = new SplittableRandom(11);
        JournalFixture j = outage();
        for (int c = 0; c < 10; c++) {
            double[] gaps = new double[6];
            gaps[0] = 0.002;
            for (int n = 2; n <= 6; n++) {
                gaps[n - 1] = 0.5 * Math.pow(2, n - 1) + random.nextDouble();
            }
            j.failingCall("payments", c, "call-" + c, 1.0 + c * 0.01, gaps);
        }

        JitterMeasurement jitter = backoff(j).jitter();

        assertThat(jitter.levels().get(0).verdict()).isEqualTo(LevelJitter.Verdict.IMMEDIATE);
        assertThat(jitter.levels().get(1).verdict()).isEqualTo(LevelJitter.Verdict.JITTER);
        // The same ~0.29 s spread on a 16.5 s wait: above the noise floor, under CV 0.1.
        assertThat(jitter.levels().get(5).verdict()).isIn(LevelJitter.Verdict.NARROW, LevelJitter.Verdict.TOO_FEW);
        assertThat(jitter.present()).hasValue(true);
        assertThat(jitter.strongestCv()).isGreaterThanOrEqualTo(0.1);
        double judgedMeanCv = jitter.levels().stream().filter(l -> l.verdict().judged()).mapToDouble(LevelJitter::cv)
                .average().orElseThrow();
        assertThat(judgedMeanCv).as("the averaged CV that used to decide").isLessThan(0.1);
    }

    @Test
    void oneLateCallIsNotJitter() {
        // Five calls wait 300 ms, one 380 ms (a scheduling hiccup): sd 33 ms, CV 0.10, but the middle half
        // of the calls spread over nothing.
        JournalFixture j = outage();
        for (int c = 0; c < 5; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0 + c * 0.01, 0.3);
        }
        j.failingCall("payments", 5, "late", 1.05, 0.38);

        LevelJitter level = backoff(j).jitter().levels().get(0);

        assertThat(level.sdSeconds()).isGreaterThan(0.03);
        assertThat(level.cv()).isGreaterThanOrEqualTo(0.1);
        assertThat(level.verdict()).isEqualTo(LevelJitter.Verdict.NOISE);
    }

    @Test
    void fewerThanFiveCallsFailingTogetherAreNotJudged() {
        JournalFixture j = outage();
        for (int c = 0; c < 4; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0 + c * 0.01, 0.2 + 0.1 * c);
        }

        JitterMeasurement jitter = backoff(j).jitter();

        assertThat(jitter.levels()).extracting(LevelJitter::verdict).containsExactly(LevelJitter.Verdict.TOO_FEW);
        assertThat(jitter.present()).isEmpty();
    }

    @Test
    void aClientThatJittersOnlyItsFirstRetryHasJitterThere() {
        // The rule is "any judged level": the explanation names the levels without it.
        SplittableRandom random = new SplittableRandom(5);
        JournalFixture j = outage();
        for (int c = 0; c < 8; c++) {
            j.failingCall("payments", c, "call-" + c, 1.0 + c * 0.01, 0.5 + random.nextDouble() * 0.5, 1.0, 1.0);
        }

        JitterMeasurement jitter = backoff(j).jitter();

        assertThat(jitter.levels()).extracting(LevelJitter::verdict).containsExactly(LevelJitter.Verdict.JITTER,
                LevelJitter.Verdict.NOISE, LevelJitter.Verdict.NOISE);
        assertThat(jitter.present()).hasValue(true);
        assertThat(jitter.jittered()).extracting(LevelJitter::number).containsExactly(1);
    }

    @Test
    void aLevelWhoseFailuresTheHarnessAnsweredSlowlyIsNotJudged() {
        // As a cold, loaded harness did to undici's RetryAgent (0.5 s, no jitter): it took 1.0-1.24 s to
        // finish the first 503s and stamped their end late, so the gaps it saw ran from 0.14 to 0.65 s.
        JournalFixture j = outage();
        for (int c = 0; c < 8; c++) {
            double answer = 1.0 + 0.03 * c;
            double seenGap = 0.14 + 0.07 * c;
            j.attempt("payments", 1.0 + c * 0.01).client(c).call("call-" + c).lasting(answer).add();
            j.attempt("payments", 1.0 + c * 0.01 + answer + seenGap).client(c).call("call-" + c).add();
        }

        LevelJitter level = backoff(j).jitter().levels().get(0);

        assertThat(level.cv()).isGreaterThan(0.1);
        assertThat(level.iqrSeconds()).isGreaterThan(0.1);
        assertThat(level.verdict()).isEqualTo(LevelJitter.Verdict.UNTRUSTED);
        assertThat(level.slowAnswers()).isEqualTo(8);
        assertThat(level.slowestAnswerSeconds()).isCloseTo(1.21, within(0.001));
        assertThat(backoff(j).jitter().present()).isEmpty();
    }

    @Test
    void aFewSlowAnswersDoNotKeepALevelFromBeingJudged() {
        JournalFixture j = outage();
        for (int c = 0; c < 8; c++) {
            double answer = c < 2 ? 0.3 : 0.001;
            j.attempt("payments", 1.0 + c * 0.01).client(c).call("call-" + c).lasting(answer).add();
            j.attempt("payments", 1.0 + c * 0.01 + answer + 0.5).client(c).call("call-" + c).add();
        }

        LevelJitter level = backoff(j).jitter().levels().get(0);

        assertThat(level.slowAnswers()).isEqualTo(2);
        assertThat(level.verdict()).isEqualTo(LevelJitter.Verdict.NOISE);
        assertThat(backoff(j).jitter().present()).hasValue(false);
    }

    @Test
    void noJitterIsClaimedWhileALevelTheHarnessBlurredCouldHaveHadIt() {
        // Retry 1's failures were answered slowly (untrusted), retry 2's promptly and without spread: a
        // client that jitters only its first wait would pass, so "without jitter" is not ours to say.
        JournalFixture j = outage();
        for (int c = 0; c < 8; c++) {
            double start = 1.0 + c * 0.01;
            double answer = 0.8;
            j.attempt("payments", start).client(c).call("call-" + c).lasting(answer).add();
            double second = start + answer + 0.5;
            j.attempt("payments", second).client(c).call("call-" + c).lasting(0.001).add();
            j.attempt("payments", second + 0.001 + 1.0).client(c).call("call-" + c).add();
        }

        JitterMeasurement jitter = backoff(j).jitter();

        assertThat(jitter.levels()).extracting(LevelJitter::verdict)
                .containsExactly(LevelJitter.Verdict.UNTRUSTED, LevelJitter.Verdict.NOISE);
        assertThat(jitter.untrusted()).extracting(LevelJitter::number).containsExactly(1);
        assertThat(jitter.present()).isEmpty();
    }
}
