package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's contract: exit codes, messages, report folders, seeds. */
class CliAcceptanceTest {
    @TempDir
    Path dir;

    private static final String MINIMAL = """
            name: %s
            seed: 5
            upstreams:
              api:
                routes:
                  - respond: {status: 200}
            phases:
              - {name: only, duration: 200ms}
            """;

    private CliRunner cli() {
        return new CliRunner(dir);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private JsonNode report(Path folder) throws IOException {
        return Faultline.report(folder);
    }

    @Test
    void validatePrintsEveryErrorWithFileLineAndColumnAndExitsTwo() throws Exception {
        write("bad.yaml", """
                name: bad
                upstreams:
                  api:
                    rotes: []
                phases:
                  - name: outage
                    duration: -5 parsecs
                    faults:
                      api:
                        - probability: 1.5
                          respond: {status: 503}
                """);
        CliRunner cli = cli();

        int code = cli.run("validate", "bad.yaml");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.out().lines()).containsExactly(
                "bad.yaml:4:5: upstreams.api.rotes: unknown key \"rotes\" (expected one of: http2, instances, port, preserve-host, proxy, routes, tls; did you mean \"routes\"?)",
                "bad.yaml:7:15: phases[0].duration: \"-5 parsecs\" is not a duration (use 250ms, 2s, 1.5s, 1m)",
                "bad.yaml:10:24: phases[0].faults.api[0].probability: 1.5 is out of range (expected a number from 0 to 1)");
    }

    @Test
    void validateAcceptsAGoodFileAndSaysWhatItHolds() throws Exception {
        write("good.yaml", MINIMAL.formatted("good"));
        CliRunner cli = cli();

        assertThat(cli.run("validate", "good.yaml")).isEqualTo(ExitCodes.HELD);
        assertThat(cli.out()).isEqualTo("ok good.yaml: good (1 phase, 0 checks)\n");
    }

    @Test
    void anInvalidFileIsNotRunAndNoReportIsWritten() throws Exception {
        write("bad.yaml", "name: bad\n");
        CliRunner cli = cli();

        int code = cli.run("run", "bad.yaml");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.err()).contains("bad.yaml:1:1: missing key \"phases\" (expected a list of phases, each with name and duration)");
        assertThat(dir.resolve(RunCommand.DEFAULT_REPORTS)).doesNotExist();
    }

    @Test
    void reportsGoToAFolderNamedAfterTheScenarioByDefault() throws Exception {
        write("ok.yaml", MINIMAL.formatted("\"Checkout: survives it!\""));
        CliRunner cli = cli();

        int code = cli.run("run", "ok.yaml");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.HELD);
        Path folder = dir.resolve("faultline-reports/checkout-survives-it");
        assertThat(folder.resolve("report.json")).exists();
        assertThat(folder.resolve("junit.xml")).exists();
        assertThat(folder.resolve("report.html")).exists();
        assertThat(folder.resolve("summary.md")).exists();
        assertThat(folder.resolve("journal.jsonl")).exists();
        assertThat(cli.out()).contains("Checkout: survives it!").contains("faultline-reports/checkout-survives-it");
    }

    @Test
    void theSeedOptionOverridesTheScenarioSeedAndIsReported() throws Exception {
        write("ok.yaml", MINIMAL.formatted("seeded"));
        CliRunner cli = cli();

        cli.run("run", "ok.yaml", "--seed", "424242", "--report-dir", "out");

        assertThat(report(dir.resolve("out")).get("seed").asLong()).isEqualTo(424242);
    }

    @Test
    void severalFilesRunEachAndTheWorstExitCodeWins() throws Exception {
        write("a-ok.yaml", MINIMAL.formatted("a"));
        write("b-bad.yaml", "name: b\n");
        CliRunner cli = cli();

        int code = cli.run("run", ".", "--report-dir", "out");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(report(dir.resolve("out/a")).get("verdict").asText()).isEqualTo("held");
        assertThat(cli.out()).contains("HELD         a-ok.yaml").contains("INVALID      b-bad.yaml");
    }

    @Test
    void aTargetThatNeverBecomesReadyIsAnErrorWithItsLastOutput() throws Exception {
        write("slow.yaml", MINIMAL.formatted("never ready") + """
                target:
                  run: "echo 'warming caches'; exec sleep 60"
                  ready: {log: "listening", timeout: 500ms}
                """);
        CliRunner cli = cli();

        int code = cli.run("run", "slow.yaml", "--report-dir", "out");

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        JsonNode report = report(dir.resolve("out"));
        assertThat(report.get("verdict").asText()).isEqualTo("error");
        assertThat(report.get("message").asText())
                .startsWith("target replica 0 (/bin/sh -c echo 'warming caches'; exec sleep 60) did not become ready within 0.5 s"
                        + " (waiting for \"listening\" in its output)")
                .contains("warming caches");
        assertThat(cli.out()).contains("warming caches");
    }

    @Test
    void aFixedUpstreamPortThatIsTakenIsAnError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            write("taken.yaml", MINIMAL.formatted("port taken").replace("  api:\n", "  api:\n    port: " + taken.getLocalPort() + "\n"));
            CliRunner cli = cli();

            int code = cli.run("run", "taken.yaml", "--report-dir", "out");

            assertThat(code).isEqualTo(ExitCodes.ERROR);
            assertThat(report(dir.resolve("out")).get("message").asText())
                    .startsWith("fake upstream api could not listen on port " + taken.getLocalPort());
        }
    }

    @Test
    void anEnvironmentVariableThatIsNotSetIsReportedWhereTheTemplateIs() throws Exception {
        write("env.yaml", MINIMAL.formatted("env") + """
                target:
                  run: [echo, "${env.FAULTLINE_TEST_SURELY_UNSET}"]
                """);
        CliRunner cli = cli();

        int code = cli.run("run", "env.yaml", "--report-dir", "out");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(report(dir.resolve("out")).get("message").asText()).startsWith(dir.resolve("env.yaml") + ":10:15: ")
                .contains("FAULTLINE_TEST_SURELY_UNSET");
    }

    @Test
    void reportReRendersAFolderAndExitsWithTheRunsCode() throws Exception {
        write("ok.yaml", MINIMAL.formatted("rerender"));
        cli().run("run", "ok.yaml", "--report-dir", "out");
        Files.delete(dir.resolve("out/report.html"));
        CliRunner cli = cli();

        int code = cli.run("report", "out");

        assertThat(code).isEqualTo(ExitCodes.HELD);
        assertThat(dir.resolve("out/report.html")).exists();
        assertThat(cli.out()).contains("rerender");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitTwo() {
        CliRunner cli = cli();

        assertThat(cli.run("run", "--frobnicate", "x.yaml")).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.err()).contains("Unknown option: '--frobnicate'").contains("faultline run --help");
    }
}
