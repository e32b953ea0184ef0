package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.target.ProcessGroup;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Whatever happens to a run, no target process, child of one, or listening port is left behind. */
@Isolated
class HarnessLifecycleAcceptanceTest {
    @TempDir
    Path dir;

    private static final String UPSTREAM = """
            upstreams:
              api:
                routes:
                  - respond: {status: 200}
            """;

    @Test
    void aTargetThatTrapsTermIsKilledWithItsChildrenAfterTheGrace() throws Exception {
        Files.writeString(dir.resolve("stubborn.yaml"), "name: stubborn target\n" + UPSTREAM + """
                target:
                  run: "trap '' TERM; sleep 300 & sleep 300 & echo up; wait; wait; wait"
                  ready: {log: up, timeout: 20s}
                  stop: {signal: TERM, grace: 1s}
                phases:
                  - {name: only, duration: 1s}
                """);
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "stubborn.yaml", "--report-dir", "out");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.HELD);
        JsonNode target = report("out").at("/targets/0");
        assertThat(target.get("killed").asBoolean()).isTrue();
        assertThat(target.get("exitCode").asInt()).isEqualTo(128 + 9);
        assertThat(new ProcessGroup(target.get("pid").asLong()).livingMembers()).isEmpty();
        assertThat(cli.context.registry().size()).isZero();
    }

    @Test
    void aPhaseActionSignalsOnlyTheReplicaItNamesAtItsOffset() throws Exception {
        Files.writeString(dir.resolve("signal.yaml"), "name: signal one replica\n" + UPSTREAM + """
                target:
                  run: "trap 'echo got-usr1; exit 0' USR1; echo up; while true; do sleep 0.05; done"
                  replicas: 2
                  ready: {log: up, timeout: 20s}
                phases:
                  - name: only
                    duration: 1500ms
                    actions:
                      - {at: 500ms, signal: USR1, replica: 1}
                """);
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "signal.yaml", "--report-dir", "out");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.HELD);
        JsonNode report = report("out");
        assertThat(report.at("/targets/1/exitCode").asInt()).isZero();
        assertThat(report.at("/targets/1/exitSeconds").asDouble() - report.at("/phases/0/startSeconds").asDouble())
                .as("exited after the 500 ms offset").isGreaterThanOrEqualTo(0.5);
        assertThat(report.at("/targets/0/exitCode").asInt()).as("replica 0 ran until the stop").isEqualTo(128 + 15);
        assertThat(Files.readString(dir.resolve("out/target-1.stdout.log"))).contains("got-usr1");
        assertThat(Files.readString(dir.resolve("out/target-0.stdout.log"))).doesNotContain("got-usr1");
        assertThat(Files.readString(dir.resolve("out/journal.jsonl")))
                .contains("\"type\":\"signal-sent\"").contains("\"signal\":\"USR1\"").contains("\"reason\":\"action\"");
    }

    @Test
    void ctrlCStopsTheRunKillsTheTargetsFreesThePortsAndWritesAnAbortedReport() throws Exception {
        Files.writeString(dir.resolve("long.yaml"), "name: long run\n" + UPSTREAM + """
                target:
                  run: "sleep 300 & echo up; wait"
                  env: {API: "${upstreams.api.url}"}
                  ready: {log: up, timeout: 30s}
                phases:
                  - {name: steady, duration: 60s}
                  - {name: never, duration: 60s}
                """);
        Path output = dir.resolve("faultline.out");
        Process faultline = FaultlineProcess.start(dir, output, "run", "long.yaml", "--report-dir", "out");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("phase steady"));
            long pid = targetPid(dir.resolve("out"));

            new ProcessBuilder("kill", "-INT", String.valueOf(faultline.pid())).start().waitFor();

            assertThat(faultline.waitFor(30, TimeUnit.SECONDS)).as("faultline exits after Ctrl-C").isTrue();
            assertThat(faultline.exitValue()).as(Files.readString(output)).isEqualTo(ExitCodes.ABORTED);
            JsonNode report = report("out");
            assertThat(report.get("verdict").asText()).isEqualTo("aborted");
            assertThat(report.get("message").asText()).contains("SIGINT");
            assertThat(report.at("/phases/0/name").asText()).isEqualTo("steady");
            assertThat(report.at("/phases").size()).as("the phase that never began is not reported").isEqualTo(1);
            assertThat(new ProcessGroup(pid).livingMembers()).as("target tree").isEmpty();
            for (JsonNode port : report.at("/upstreams/0/ports")) {
                assertThat(accepts(port.asInt())).as("upstream port %d still listening", port.asInt()).isFalse();
            }
        } finally {
            faultline.destroyForcibly();
        }
    }

    @Test
    void aSecondCtrlCExitsAtOnceAndStillKillsTheTargets() throws Exception {
        Files.writeString(dir.resolve("stubborn.yaml"), "name: stubborn under ctrl-c\n" + UPSTREAM + """
                target:
                  run: "trap '' TERM; sleep 300 & echo up; wait; wait"
                  ready: {log: up, timeout: 30s}
                  stop: {signal: TERM, grace: 60s}
                phases:
                  - {name: steady, duration: 60s}
                """);
        Path output = dir.resolve("faultline.out");
        Process faultline = FaultlineProcess.start(dir, output, "run", "stubborn.yaml", "--report-dir", "out");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("phase steady"));
            ProcessGroup tree = new ProcessGroup(targetPid(dir.resolve("out")));
            assertThat(tree.livingMembers()).hasSizeGreaterThanOrEqualTo(2);

            new ProcessBuilder("kill", "-INT", String.valueOf(faultline.pid())).start().waitFor();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(output).contains("SIGINT received"));
            long second = System.nanoTime();
            new ProcessBuilder("kill", "-INT", String.valueOf(faultline.pid())).start().waitFor();

            // The first Ctrl-C alone would wait out the abort's 3 s grace for the TERM-proof target before KILL.
            assertThat(faultline.waitFor(2, TimeUnit.SECONDS)).as("exits at once after the second Ctrl-C").isTrue();
            double seconds = (System.nanoTime() - second) / 1e9;
            assertThat(faultline.exitValue()).as(Files.readString(output)).isEqualTo(ExitCodes.ABORTED);
            assertThat(Files.readString(output)).contains("SIGINT again: killed every target process, exiting now");
            await().atMost(Duration.ofSeconds(5)).until(() -> tree.livingMembers().isEmpty());
            assertThat(seconds).isLessThan(2);
        } finally {
            faultline.destroyForcibly();
        }
    }

    @Test
    void sigtermDuringADrainWritesAnAbortedReportWithTheShutdownMeasuredSoFar() throws Exception {
        Files.writeString(dir.resolve("drain.yaml"), "name: never drains\n" + UPSTREAM + """
                target:
                  run: "trap 'echo got-term' TERM; echo up; while :; do sleep 0.05; done"
                  ready: {log: up, timeout: 30s}
                phases:
                  - name: drain
                    duration: 60s
                    actions:
                      - {at: 200ms, signal: TERM}
                expect:
                  shutdown: {max-drain: 1s, exit-code: 0}
                """);
        Path output = dir.resolve("faultline.out");
        Process faultline = FaultlineProcess.start(dir, output, "run", "drain.yaml", "--report-dir", "out");
        try {
            Path targetLog = dir.resolve("out/target-0.stdout.log");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(targetLog) && Files.readString(targetLog).contains("got-term"));
            long pid = targetPid(dir.resolve("out"));
            // Let the drain outlast max-drain before the harness is told to stop.
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);

            new ProcessBuilder("kill", "-TERM", String.valueOf(faultline.pid())).start().waitFor();

            assertThat(faultline.waitFor(30, TimeUnit.SECONDS)).as("faultline exits after SIGTERM").isTrue();
            assertThat(faultline.exitValue()).as(Files.readString(output)).isEqualTo(ExitCodes.ABORTED);
            JsonNode report = report("out");
            assertThat(report.get("verdict").asText()).isEqualTo("aborted");
            assertThat(report.get("message").asText()).contains("SIGTERM");
            JsonNode drain = report.at("/expectations/0");
            assertThat(drain.get("id").asText()).isEqualTo("shutdown.max-drain");
            assertThat(drain.get("status").asText()).isEqualTo("failed");
            assertThat(drain.get("explanation").asText()).matches("SIGTERM at [0-9.]+ s \\(0\\.2\\d s into drain\\): had not exited when"
                    + " the run was aborted [0-9.]+ s after the signal");
            JsonNode code = report.at("/expectations/1");
            assertThat(code.get("id").asText()).isEqualTo("shutdown.exit-code");
            assertThat(code.get("status").asText()).isEqualTo("inconclusive");
            assertThat(new ProcessGroup(pid).livingMembers()).as("target tree").isEmpty();
            assertThat(Files.readString(dir.resolve("out/journal.jsonl")))
                    .contains("\"signal\":\"TERM\",\"reason\":\"action\"").contains("\"signal\":\"TERM\",\"reason\":\"abort\"");
        } finally {
            faultline.destroyForcibly();
        }
    }

    @Test
    void aHarnessStartedWithIntAndQuitIgnoredStillDeliversThemToEveryReplica() throws Exception {
        Files.writeString(dir.resolve("deaf.yaml"), "name: started in the background\n" + UPSTREAM + """
                target:
                  run: "trap 'echo got-int' INT; trap 'echo got-quit; exit 0' QUIT; echo up; while :; do sleep 0.05; done"
                  replicas: 2
                  ready: {log: up, timeout: 30s}
                phases:
                  - name: only
                    duration: 1500ms
                    actions:
                      - {at: 300ms, signal: INT}
                      - {at: 800ms, signal: QUIT}
                """);
        Path output = dir.resolve("faultline.out");
        // As `faultline run ... &` in a script (or nohup) starts it: INT and QUIT ignored, and inherited so.
        Process faultline = FaultlineProcess.startIgnoring(List.of("INT", "QUIT"), dir, output, "run", "deaf.yaml",
                "--report-dir", "out");
        try {
            assertThat(faultline.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(faultline.exitValue()).as(Files.readString(output)).isEqualTo(ExitCodes.HELD);
            for (int replica = 0; replica < 2; replica++) {
                assertThat(Files.readString(dir.resolve("out/target-" + replica + ".stdout.log"))).as("replica %d", replica)
                        .contains("got-int", "got-quit");
                assertThat(report("out").at("/targets/" + replica + "/exitCode").asInt()).isZero();
            }
        } finally {
            faultline.destroyForcibly();
        }
    }

    /** The target's pid, from the harness's progress line "target replica 0 started (pid N...". */
    private long targetPid(Path reportDir) throws IOException {
        String log = Files.readString(dir.resolve("faultline.out"));
        int at = log.indexOf("(pid ");
        assertThat(at).as(log).isPositive();
        return Long.parseLong(log.substring(at + 5).split("[,)]")[0]);
    }

    private JsonNode report(String folder) throws IOException {
        return Faultline.report(dir.resolve(folder));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
