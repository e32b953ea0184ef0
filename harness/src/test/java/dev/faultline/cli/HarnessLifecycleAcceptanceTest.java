package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.target.ProcessGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Whatever happens to a run, no target process, child of one, or listening port is left behind. */
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

    /** The target's pid, from the harness's progress line "target replica 0 started (pid N...". */
    private long targetPid(Path reportDir) throws IOException {
        String log = Files.readString(dir.resolve("faultline.out"));
        int at = log.indexOf("(pid ");
        assertThat(at).as(log).isPositive();
        return Long.parseLong(log.substring(at + 5).split("[,)]")[0]);
    }

    private JsonNode report(String folder) throws IOException {
        return new ObjectMapper().readTree(dir.resolve(folder).resolve("report.json").toFile());
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
