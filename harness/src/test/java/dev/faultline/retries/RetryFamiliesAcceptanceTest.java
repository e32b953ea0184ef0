package dev.faultline.retries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.analysis.retry.BackoffMeasurement;
import dev.faultline.analysis.retry.BackoffShape;
import dev.faultline.analysis.retry.LevelJitter;
import dev.faultline.analysis.retry.RetryAnalysis;
import dev.faultline.cli.ExitCodes;
import dev.faultline.scenario.CallsBy;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each retry policy family of {@code scenarios/clients/RetryPolicyClient.java}, run by its own
 * scenario in {@code scenarios/retries/families/} through the real command line, is classified as
 * what it is: its shape, and whether it has jitter.
 *
 * <p>The scenarios run one after another in one {@code faultline run DIR}: started side by side their
 * JVMs would compile at once on two cores and starve each other's timers, which is exactly the noise
 * a timing measurement must not be judged under.
 */
@Isolated
class RetryFamiliesAcceptanceTest {
    private static final Path FAMILIES = Faultline.REPO.resolve("scenarios/retries/families");

    @TempDir
    static Path reports;

    private static Faultline.Result run;

    @BeforeAll
    static void runEveryFamily() {
        run = Faultline.run(Faultline.REPO, "run", FAMILIES.toString(), "--report-dir", reports.toString());
    }

    private static Path dir(String family) {
        return reports.resolve("retry-family-" + family);
    }

    private static BackoffMeasurement backoff(String family) {
        RetryAnalysis analysis = RetryReplay.analyse(dir(family), "api", "outage", new CallsBy.Header("X-Request-Id"));
        return analysis.backoff().orElseThrow();
    }

    /** The levels the jitter rule judged. */
    private static List<LevelJitter> judged(BackoffMeasurement b) {
        return b.jitter().levels().stream().filter(l -> l.verdict().judged()).toList();
    }

    private static JsonNode check(String family, String id) {
        return Faultline.check(Faultline.report(dir(family)), id);
    }

    private static void assertJitterVerdict(String family, String status) {
        JsonNode jitter = check(family, "retries.require-jitter");
        assertThat(jitter.get("status").asText()).as(jitter.toString()).isEqualTo(status);
    }

    @Test
    void theRunEndsFailedBecauseTheFamiliesWithoutJitterFail() {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("7 scenario files");
    }

    @Test
    void noBackoffIsImmediateRetriesWithoutJitter() {
        BackoffMeasurement b = backoff("none");
        assertThat(b.shape()).isInstanceOf(BackoffShape.None.class);
        assertJitterVerdict("none", "failed");
        assertThat(check("none", "retries.require-jitter").get("explanation").asText())
                .contains("immediate retries (no backoff) without jitter");
    }

    @Test
    void constantBackoffIsConstantWithoutJitter() {
        assertThat(backoff("constant").shape()).isInstanceOfSatisfying(BackoffShape.Constant.class,
                c -> assertThat(c.seconds()).isCloseTo(0.3, within(0.05)));
        assertJitterVerdict("constant", "failed");
    }

    @Test
    void exponentialBackoffIsExponentialTimesTwoWithoutJitter() {
        BackoffMeasurement b = backoff("exponential");
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class,
                e -> assertThat(e.factor()).isCloseTo(2.0, within(0.3)));
        assertThat(b.jitter().present()).hasValue(false);
        assertThat(b.jitter().strongestCv()).isLessThan(0.1);
        assertJitterVerdict("exponential", "failed");
    }

    @Test
    void fullJitterIsExponentialWithACoefficientOfVariationNearZeroPointSix() {
        BackoffMeasurement b = backoff("full-jitter");
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class,
                e -> assertThat(e.factor()).isBetween(1.4, 2.8));
        assertThat(judged(b)).isNotEmpty().allSatisfy(l -> {
            assertThat(l.verdict()).as(l.toString()).isEqualTo(LevelJitter.Verdict.JITTER);
            assertThat(l.cv()).as(l.toString()).isBetween(0.3, 0.85);
        });
        assertJitterVerdict("full-jitter", "passed");
    }

    @Test
    void equalJitterIsExponentialWithACoefficientOfVariationNearZeroPointTwo() {
        BackoffMeasurement b = backoff("equal-jitter");
        assertThat(b.shape()).isInstanceOfSatisfying(BackoffShape.Exponential.class,
                e -> assertThat(e.factor()).isBetween(1.6, 2.4));
        assertThat(b.jitter().present()).hasValue(true);
        assertThat(judged(b)).isNotEmpty().allSatisfy(l -> assertThat(l.cv()).as(l.toString()).isBetween(0.05, 0.4));
        assertJitterVerdict("equal-jitter", "passed");
    }

    @Test
    void decorrelatedJitterGrowsAndHasJitter() {
        BackoffMeasurement b = backoff("decorrelated");
        assertThat(b.shape()).isInstanceOfAny(BackoffShape.Exponential.class, BackoffShape.Linear.class);
        assertThat(b.gaps().get(1).meanSeconds()).isGreaterThan(b.gaps().get(0).meanSeconds());
        assertThat(b.jitter().present()).hasValue(true);
        assertThat(b.jitter().strongestCv()).isGreaterThan(0.2);
        assertJitterVerdict("decorrelated", "passed");
    }

    @Test
    void aRetryBudgetKeepsRetriesNearOneInTenCalls() {
        JsonNode ratio = check("budgeted", "retries.max-retry-ratio");
        assertThat(ratio.get("status").asText()).isEqualTo("passed");
        assertThat(ratio.get("measured").asDouble()).isLessThan(0.25);
        // The same client without its budget retries every call three times.
        assertThat(check("exponential", "retries.max-attempts-per-call").get("measured").asDouble()).isEqualTo(4.0);
        assertThat(Faultline.report(dir("budgeted")).get("verdict").asText()).isEqualTo("held");
    }
}
