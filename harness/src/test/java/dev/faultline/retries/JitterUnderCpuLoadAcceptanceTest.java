package dev.faultline.retries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCodes;
import dev.faultline.journal.TimerNoise;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client without jitter is never judged "with jitter" because the machine was starved of CPU: the
 * constant-backoff family (every wait exactly 300 ms) runs while three busy processes compete for two
 * cores, as on a loaded CI machine, where its waits spread by tens of milliseconds, one-sided. Its
 * {@code require-jitter} must fail or, when the spread cannot be told from the noise the harness
 * measured, be inconclusive; never pass. (That real jitter still passes on a quiet machine is
 * {@link RetryFamiliesAcceptanceTest}'s full-jitter case.)
 */
@Isolated
class JitterUnderCpuLoadAcceptanceTest {
    private static final Path CONSTANT = Faultline.REPO.resolve("scenarios/retries/families/constant.yaml");
    private static final int BUSY_PROCESSES = 3;

    @TempDir
    Path reports;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aConstantBackoffOnACpuStarvedMachineIsNeverJudgedWithJitter() throws IOException {
        List<Process> busy = new ArrayList<>();
        Faultline.Result run;
        try {
            for (int i = 0; i < BUSY_PROCESSES; i++) {
                // timeout bounds them even if this JVM dies before the finally block
                busy.add(new ProcessBuilder("timeout", "60", "yes").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            run = Faultline.run(Faultline.REPO, "run", CONSTANT.toString(), "--report-dir", reports.toString());
        } finally {
            busy.forEach(JitterUnderCpuLoadAcceptanceTest::stop);
        }

        assertThat(run.exitCode()).as(run.toString()).isIn(ExitCodes.FAILED, ExitCodes.INCONCLUSIVE);
        JsonNode jitter = Faultline.check(Faultline.report(reports), "retries.require-jitter");
        assertThat(jitter.get("status").asText()).as(jitter.toString()).isIn("failed", "inconclusive");
        List<TimerNoise> noise = Faultline.journal(reports).stream().filter(TimerNoise.class::isInstance)
                .map(TimerNoise.class::cast).toList();
        assertThat(noise).as("the harness measured its timer noise through the run").isNotEmpty()
                .allSatisfy(n -> assertThat(n.samples()).isPositive());
    }

    /** TERM (which timeout passes on to its yes), then KILL both if they linger. */
    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
