package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A gate never passes what it could not test: every such run ends with exit 3 (or aborted) and says why. */
class UntestableRunAcceptanceTest {
    @TempDir
    Path dir;

    private static final String UPSTREAM = """
            upstreams:
              api:
                routes:
                  - respond: {status: 200}
            """;

    @Test
    void aTargetCommandThatDoesNotExistIsAnErrorNamingTheCommandAndTheOsError() throws Exception {
        scenario("missing.yaml", "name: missing program\n" + UPSTREAM + """
                target:
                  run: [/nonexistent/bin/x]
                phases:
                  - {name: only, duration: 1s}
                """);

        Faultline.Result run = Faultline.run(dir, "run", "missing.yaml", "--report-dir", "out");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains("ERROR").contains("/nonexistent/bin/x: No such file or directory");
        JsonNode report = Faultline.report(dir.resolve("out"));
        assertThat(report.get("verdict").asText()).isEqualTo("error");
        assertThat(report.get("message").asText()).contains("could not be started (/nonexistent/bin/x)");
        assertThat(Files.readString(dir.resolve("out/journal.jsonl"))).doesNotContain("target-started");
    }

    @Test
    void aShellTargetWhoseCommandIsNotFoundIsAnErrorWithItsExitCode127() throws Exception {
        scenario("typo.yaml", "name: typo in the command\n" + UPSTREAM + """
                target:
                  run: "no-such-program-faultline ${upstreams.api.url}"
                phases:
                  - {name: only, duration: 1s}
                """);

        Faultline.Result run = Faultline.run(dir, "run", "typo.yaml", "--report-dir", "out");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        String message = Faultline.report(dir.resolve("out")).get("message").asText();
        assertThat(message).contains("/bin/sh -c no-such-program-faultline").contains("exited with code 127")
                .contains("not found");
    }

    @Test
    void aClientTargetThatRunsAndExitsByItselfIsNotAnErrorWhateverItsExitCode() throws Exception {
        scenario("quick.yaml", "name: quick client\n" + UPSTREAM + """
                target:
                  run: "curl -s -o /dev/null ${upstreams.api.url}/ && exit 3"
                phases:
                  - {name: only, duration: 1s}
                """);

        Faultline.Result run = Faultline.run(dir, "run", "quick.yaml", "--report-dir", "out");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HELD);
        JsonNode report = Faultline.report(dir.resolve("out"));
        assertThat(report.at("/targets/0/exitCode").asInt()).isEqualTo(3);
        assertThat(report.at("/upstreams/0/requests").asInt()).as(report.toString()).isEqualTo(1);
    }

    @Test
    void aServiceThatExitsBeforeItIsReadyIsAnErrorNamingItsCommandAndExitCode() throws Exception {
        scenario("crash.yaml", "name: crashes on start\n" + UPSTREAM + """
                target:
                  run: "echo cannot read config >&2; exit 4"
                  ready: {log: listening, timeout: 20s}
                phases:
                  - {name: only, duration: 1s}
                """);

        Faultline.Result run = Faultline.run(dir, "run", "crash.yaml", "--report-dir", "out");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(Faultline.report(dir.resolve("out")).get("message").asText())
                .contains("(/bin/sh -c echo cannot read config >&2; exit 4) exited with code 4 before it became ready")
                .contains("cannot read config");
    }

    @Test
    void aFixedTargetPortAlreadyTakenIsAnErrorAndTheTargetIsNotStarted() throws Exception {
        // The intruder accepts connections, so a ready check that reached it would pass.
        try (ServerSocket intruder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = intruder.getLocalPort();
            scenario("taken.yaml", "name: port taken\n" + UPSTREAM + """
                    target:
                      run: "touch started; sleep 30"
                      port: %d
                      ready: {port: true, timeout: 20s}
                    phases:
                      - {name: only, duration: 1s}
                    """.formatted(port));

            Faultline.Result run = Faultline.run(dir, "run", "taken.yaml", "--report-dir", "out");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
            assertThat(Faultline.report(dir.resolve("out")).get("message").asText())
                    .contains("port " + port + " is taken by another process");
            assertThat(dir.resolve("started")).as("the target was never started").doesNotExist();
        }
    }

    @Test
    void aFileWhereTheReportFolderShouldBeIsAnErrorNamingThePathAndTheOsError() throws Exception {
        scenario("ok.yaml", "name: fine client\n" + UPSTREAM + """
                target:
                  run: "true"
                phases:
                  - {name: only, duration: 200ms}
                """);
        Files.writeString(dir.resolve("faultline-reports"), "a file in the way");

        Faultline.Result run = Faultline.run(dir, "run", "ok.yaml");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains(dir.resolve("faultline-reports/fine-client") + ": Not a directory");
        assertThat(Files.readString(dir.resolve("faultline-reports"))).isEqualTo("a file in the way");
    }

    @Test
    void aJournalThatCannotBeWrittenAtTheEndTurnsAPassIntoAnErrorAndNoReportSaysItHeld() throws Exception {
        scenario("ok.yaml", "name: fine client\n" + UPSTREAM + """
                target:
                  run: "true"
                phases:
                  - {name: only, duration: 200ms}
                """);
        // A folder where journal.jsonl should go: the rename of the written journal over it fails.
        Files.createDirectories(dir.resolve("out/journal.jsonl/occupied"));

        Faultline.Result run = Faultline.run(dir, "run", "ok.yaml", "--report-dir", "out");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains("the report could not be written: " + dir.resolve("out/journal.jsonl"));
        assertThat(Faultline.report(dir.resolve("out")).get("verdict").asText()).isEqualTo("error");
        assertThat(leftovers(dir.resolve("out"))).isEmpty();
    }

    @Test
    void aDiskThatFillsDuringTheRunIsAnErrorNamingThePathAndNoTemporaryFileIsLeft() throws Exception {
        Path full = Files.createDirectories(dir.resolve("small-disk"));
        mount(full);
        try {
            scenario("ok.yaml", "name: fine client\n" + UPSTREAM + """
                    target:
                      run: "sleep 30"
                    phases:
                      - {name: only, duration: 3s}
                    """);
            Path output = dir.resolve("faultline.out");
            Process faultline = FaultlineProcess.start(dir, output, "run", "ok.yaml", "--report-dir", "small-disk/out");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("phase only"));
                fill(full.resolve("filler"));

                assertThat(faultline.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String printed = Files.readString(output);
                assertThat(faultline.exitValue()).as(printed).isEqualTo(ExitCodes.ERROR);
                assertThat(printed).contains(full.resolve("out/journal.jsonl") + ": No space left on device");
                assertThat(full.resolve("out/report.json")).doesNotExist();
                assertThat(leftovers(full.resolve("out"))).isEmpty();
            } finally {
                faultline.destroyForcibly();
            }
        } finally {
            new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondRunIntoAReportFolderInUseIsTurnedAwayNamingTheFirstAndWritesNothingThere() throws Exception {
        scenario("first.yaml", "name: first run\n" + UPSTREAM + """
                target:
                  run: "echo up; sleep 300"
                  ready: {log: up, timeout: 30s}
                phases:
                  - {name: steady, duration: 60s}
                """);
        scenario("second.yaml", "name: second run\n" + UPSTREAM + """
                target:
                  run: "echo second > second-ran"
                phases:
                  - {name: only, duration: 200ms}
                """);
        Path output = dir.resolve("faultline.out");
        Process first = FaultlineProcess.start(dir, output, "run", "first.yaml", "--report-dir", "out");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("phase steady"));

            Faultline.Result second = Faultline.run(dir, "run", "second.yaml", "--report-dir", "out");

            assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.ERROR);
            assertThat(second.out()).contains("is in use by another faultline run of first.yaml (pid " + first.pid());
            assertThat(dir.resolve("second-ran")).as("the second target never ran").doesNotExist();
            new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).start().waitFor();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            JsonNode report = Faultline.report(dir.resolve("out"));
            assertThat(report.get("scenario").asText()).isEqualTo("first run");
            assertThat(report.get("verdict").asText()).isEqualTo("aborted");
            assertThat(dir.resolve("out/.faultline.lock")).as("the lock goes with the run").doesNotExist();
        } finally {
            first.destroyForcibly();
        }
    }

    @Test
    void twoScenarioFilesWhoseNamesGiveTheSameFolderEachGetTheirOwn() throws Exception {
        for (String file : List.of("a.yaml", "b.yaml")) {
            scenario("suite/" + file, "name: Same Name!\n" + UPSTREAM + """
                    target:
                      run: "true"
                    phases:
                      - {name: only, duration: 200ms}
                    """);
        }

        Faultline.Result run = Faultline.run(dir, "run", "suite");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HELD);
        assertThat(Faultline.report(dir.resolve("faultline-reports/same-name")).get("file").asText()).endsWith("a.yaml");
        assertThat(Faultline.report(dir.resolve("faultline-reports/same-name-2")).get("file").asText()).endsWith("b.yaml");
        assertThat(run.err()).contains("its reports go to faultline-reports/same-name-2");
        assertThat(dir.resolve("faultline-reports/same-name/.faultline.lock")).doesNotExist();
    }

    @Test
    void sighupAbortsTheRunKillsTheTargetsAndWritesAnAbortedReport() throws Exception {
        scenario("long.yaml", "name: session closes\n" + UPSTREAM + """
                target:
                  run: "echo up; sleep 300"
                  ready: {log: up, timeout: 30s}
                phases:
                  - {name: steady, duration: 60s}
                """);
        Path output = dir.resolve("faultline.out");
        Process faultline = FaultlineProcess.start(dir, output, "run", "long.yaml", "--report-dir", "out");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("phase steady"));

            new ProcessBuilder("kill", "-HUP", String.valueOf(faultline.pid())).start().waitFor();

            assertThat(faultline.waitFor(30, TimeUnit.SECONDS)).as("faultline exits after SIGHUP").isTrue();
            assertThat(faultline.exitValue()).as(Files.readString(output)).isEqualTo(ExitCodes.ABORTED);
            JsonNode report = Faultline.report(dir.resolve("out"));
            assertThat(report.get("verdict").asText()).isEqualTo("aborted");
            assertThat(report.get("message").asText()).contains("SIGHUP");
            assertThat(report.at("/targets/0/killed").asBoolean() || report.at("/targets/0/exitCode").asInt() == 128 + 15)
                    .as(report.at("/targets").toString()).isTrue();
        } finally {
            faultline.destroyForcibly();
        }
    }

    private void scenario(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Temporary or lock files a run left in its folder. */
    private static List<String> leftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.endsWith(".lock")).toList();
        }
    }

    /** A 64 KiB tmpfs: a disk that really fills (the tests run as root, as CI does). */
    private static void mount(Path where) throws Exception {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", where.toString())
                .redirectErrorStream(true).start();
        assertThat(mount.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mount.exitValue()).as(new String(mount.getInputStream().readAllBytes())).isZero();
    }

    private static void fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException expected) {
            assertThat(expected.getMessage()).contains("No space left on device");
        }
    }
}
