package dev.faultline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input through the command line, the way a user meets it: exit 2 and FILE:LINE:COL lines, never a
 * stack trace, an internal error or a hang; and no escape sequence from a scenario or its target reaches
 * the terminal.
 */
class BadInputCliTest {
    private static final String ONE_PHASE = "phases:\n  - {name: a, duration: 200ms}\n";

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void validateRefusesHugeNumbersAFifoAndASparseFileInItsOwnJvmWithExitTwo() throws Exception {
        write("seed.yaml", "name: t\nseed: 1.0e+999999999\n" + ONE_PHASE);
        write("probability.yaml", """
                name: t
                upstreams: {p: {}}
                phases:
                  - {name: a, duration: 1s, faults: {p: [{probability: 1.0e-999999999, connection: drop}]}}
                """);
        write("rate.yaml", "name: t\ntarget: {url: 'http://127.0.0.1:1'}\nload: {rate: " + "9".repeat(400)
                + "/s, requests: [{path: /}]}\n" + ONE_PHASE);
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.yaml").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("sparse.yaml").toFile(), "rw")) {
            sparse.setLength(3L << 30);
        }
        Path output = dir.resolve("output.txt");

        Process faultline = FaultlineProcess.start(dir, output, "validate", "seed.yaml", "probability.yaml", "rate.yaml",
                "pipe.yaml", "sparse.yaml");

        assertThat(faultline.waitFor(60, TimeUnit.SECONDS)).as("validate finished").isTrue();
        String printed = Files.readString(output);
        assertThat(faultline.exitValue()).as(printed).isEqualTo(ExitCodes.INVALID);
        assertThat(printed.lines().toList()).containsExactly(
                "seed.yaml:2:7: seed: 1.0e+999999999 is too large (expected an integer up to 9223372036854775807)",
                "probability.yaml:4:56: phases[0].faults.p[0].probability: 1.0e-999999999 is too close to 0 (expected a"
                        + " number from 0 to 1; write 0, or a number of at least 1e-307 in size)",
                "rate.yaml:3:14: load.rate: \"" + "9".repeat(60) + "...\" is too fast (expected at most 1000000000/s, one"
                        + " event per nanosecond)",
                "pipe.yaml:1:1: is a FIFO, not a scenario file (expected a regular .yaml, .yml or .json file)",
                "sparse.yaml:1:1: the file holds more than 3145728 bytes, the most a scenario may hold (put large bodies"
                        + " in body-file)",
                "0 of 5 files valid");
    }

    @Test
    void aFifoInsideAScenarioFolderIsReportedNotWaitedOn() throws Exception {
        Files.createDirectories(dir.resolve("suite"));
        Files.writeString(dir.resolve("suite/good.yaml"), "name: good\n" + ONE_PHASE);
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("suite/pipe.yml").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("validate", "suite");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.out().lines().toList()).containsExactly("ok suite/good.yaml: good (1 phase, 0 checks)",
                "suite/pipe.yml:1:1: is a FIFO, not a scenario file (expected a regular .yaml, .yml or .json file)",
                "1 of 2 files valid");
    }

    @Test
    void runRefusesABodyFileThatIsADeviceWithExitTwoAndWritesNoReport() throws Exception {
        Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"));
        write("device.yaml", """
                name: t
                upstreams:
                  p:
                    routes: [{respond: {body-file: zero}}]
                """ + ONE_PHASE);
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "device.yaml", "--report-dir", "out");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.err()).startsWith("device.yaml:4:36: upstreams.p.routes[0].respond.body-file: \"zero\" leads"
                + " through a symlink to /dev/zero, outside the scenario folder").doesNotContain("Exception");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void validateShowsEscapeSequencesInTheScenarioNameInsteadOfSendingThem() throws Exception {
        write("evil.yaml", "name: \"evil \\e]0;pwned\\a\\e[2J\"\n" + ONE_PHASE);
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("validate", "evil.yaml");

        assertThat(code).isEqualTo(ExitCodes.HELD);
        assertThat(cli.out()).isEqualTo("ok evil.yaml: evil \\u001B]0;pwned\\u0007\\u001B[2J (1 phase, 0 checks)"
                + System.lineSeparator());
    }

    @Test
    void runShowsEscapeSequencesInTheTargetsOutputInsteadOfSendingThem() throws Exception {
        write("noisy.yaml", "name: \"noisy \\e[5m\"\n" + ONE_PHASE + """
                target:
                  run: printf 'warming \\033[2J\\033]0;pwned\\007 caches\\n'; exec sleep 60
                  ready: {log: "listening", timeout: 500ms}
                """);
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "noisy.yaml", "--report-dir", "out");

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(cli.out()).startsWith("noisy \\u001B[5m: ERROR").contains("warming \\u001B[2J\\u001B]0;pwned\\u0007 caches");
        assertThat(cli.out() + cli.err()).doesNotContain("\u001b").doesNotContain("\u0007");
    }
}
