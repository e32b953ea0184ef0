package dev.faultline.junit5;

import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole scenarios with a real target (curl) run from a test, their report as an object. */
class FaultlineRunTest {

    @Test
    void curlRetryingFourTimesFailsTheScenarioWithTheReportsNumbers() {
        FaultlineReport report = Faultline.run(Path.of("src/test/resources/scenarios/curl-retries.yaml"));

        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.FAILED);
        assertThat(report.exitCode()).isEqualTo(1);
        ExpectationResult attempts = report.check("retries.max-attempts-per-call");
        assertThat(attempts.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(attempts.measured()).isEqualTo(4.0); // curl --retry 3: four attempts
        assertThat(attempts.limit()).isEqualTo(2.0);
        assertThat(attempts.explanation()).isNotBlank();
        assertThat(report.report().upstreams()).isNotEmpty();
        assertThat(Files.isRegularFile(report.reportDir().resolve("report.json"))).isTrue();
        assertThatThrownBy(report::assertHeld).isInstanceOf(AssertionError.class)
                .hasMessageContaining("faultline: failed")
                .hasMessageContaining("retries.max-attempts-per-call failed")
                .hasMessageContaining(attempts.explanation());
    }

    @Test
    void curlWithoutRetriesHolds() {
        FaultlineReport report = Faultline.run(Path.of("src/test/resources/scenarios/curl-no-retries.yaml"), 5);

        report.assertHeld();
        assertThat(report.exitCode()).isZero();
        assertThat(report.report().seed()).isEqualTo(5);
        assertThat(report.check("retries.max-attempts-per-call").measured()).isEqualTo(1.0);
    }

    @Test
    void anInvalidFileFailsWithTheLoadersErrors() throws Exception {
        Path bad = Files.createTempFile("faultline-bad", ".yaml");
        try {
            Files.writeString(bad, "name: x\nupstreams: {}\nphases: []\nexpect: {retries: {upstream: nowhere}}\n");
            assertThatThrownBy(() -> Faultline.run(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a valid scenario")
                    .hasMessageContaining(bad.toString() + ":");
        } finally {
            Files.delete(bad);
        }
    }
}
