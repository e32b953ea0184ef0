package dev.faultline.target;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The run's watchdog kills what carries the run's marker when its lifeline closes, and nothing else. */
class WatchdogTest {
    private static Process marked(String marker, String seconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("setsid", "sleep", seconds).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(TargetMarker.VARIABLE, marker);
        return builder.start();
    }

    @Test
    void whenItsLifelineClosesTheWatchdogKillsEveryProcessWithTheRunsMarkerAndExits() throws Exception {
        Watchdog watchdog = Watchdog.forNewRun();
        Process replica0 = marked(watchdog.marker(0), "300");
        Process replica3 = marked(watchdog.marker(3), "300");
        Process otherRun = marked(TargetMarker.of(UUID.randomUUID().toString(), 0), "301");
        Process prefixOnly = marked(watchdog.runId() + "-x", "302");
        try {
            assertThat(watchdog.running()).isTrue();

            watchdog.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> !replica0.isAlive() && !replica3.isAlive());
            await().atMost(Duration.ofSeconds(10)).until(() -> !watchdog.running());
            assertThat(otherRun.isAlive()).as("another run's process").isTrue();
            assertThat(prefixOnly.isAlive()).as("a marker that only starts with the run id").isTrue();
        } finally {
            for (Process p : new Process[] {replica0, replica3, otherRun, prefixOnly}) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aRunThatStartsNoTargetStartsNoWatchdog() {
        Watchdog watchdog = Watchdog.forNewRun();

        watchdog.close();

        assertThat(watchdog.pid()).isEqualTo(-1);
        assertThat(watchdog.marker(0)).as("markers still name the run").startsWith(watchdog.runId() + "-");
        assertThat(watchdog.running()).as("not started after close").isFalse();
    }
}
