package dev.faultline.cli;

import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Processes that leave the target's process group (setpgid, setsid, a double-forked daemon) do not
 * outlive the run, neither a normal one nor one whose harness was killed with {@code kill -9}.
 * Each target carries a tag of the test's own in its environment, so the test counts what is left
 * without trusting the harness's marker.
 */
class NothingLeftBehindAcceptanceTest {
    @TempDir
    Path dir;

    private final String tag = UUID.randomUUID().toString();

    /** A daemon the classic way: fork, setsid, fork again, listen; its parents exit at once. */
    private static final String DAEMON = """
            import os, socket, sys
            port = int(sys.argv[1])
            if os.fork() > 0:
                sys.exit(0)
            os.setsid()
            if os.fork() > 0:
                os._exit(0)
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
            s.listen(8)
            while True:
                s.accept()[0].close()
            """;

    /** One way a target's child escapes its process group, and the command it is reported by. */
    enum Escape {
        SETSID_GRANDCHILD("setsid sleep 300 &", "sleep 300"),
        OWN_PROCESS_GROUP("python3 -c 'import os, time; os.setpgid(0, 0); time.sleep(300)' &", "os.setpgid"),
        DOUBLE_FORKED_DAEMON("python3 daemon.py \"$DAEMON_PORT\"", "daemon.py");

        final String line;
        final String reportedAs;

        Escape(String line, String reportedAs) {
            this.line = line;
            this.reportedAs = reportedAs;
        }
    }

    @ParameterizedTest
    @EnumSource(Escape.class)
    void aPassingRunKillsTheProcessThatLeftTheTargetsGroupAndReportsItAsKilledLate(Escape escape) throws Exception {
        int daemonPort = freePort();
        writeScenario("escape.yaml", escape.line, daemonPort, "1s");
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "escape.yaml", "--report-dir", "out");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.HELD);
        assertThat(taggedProcesses()).as("processes of the target left after the run").isEmpty();
        assertThat(accepts(daemonPort)).as("the daemon's port is closed").isFalse();
        List<String> notes = new ArrayList<>();
        Faultline.report(dir.resolve("out")).at("/harness/notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes).anySatisfy(note -> assertThat(note).startsWith("target replica 0: killed late: pid ")
                .contains(escape.reportedAs).contains("left its process group"));
        assertThat(cli.out()).as("the console says so too").contains("note: target replica 0: killed late: pid ");
        assertThat(cli.context.registry().size()).isZero();
    }

    @Test
    void killMinusNineOfTheHarnessLeavesNoTargetProcessAndNoListeningPortWithinSeconds() throws Exception {
        int daemonPort = freePort();
        String everyEscape = String.join("\n", Escape.SETSID_GRANDCHILD.line, Escape.OWN_PROCESS_GROUP.line,
                Escape.DOUBLE_FORKED_DAEMON.line, "sleep 300 &");
        writeScenario("tree.yaml", everyEscape, daemonPort, "120s");
        Path output = dir.resolve("faultline.out");
        Process faultline = FaultlineProcess.start(dir, output, "run", "tree.yaml", "--report-dir", "out");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("phase only"));
            await().atMost(Duration.ofSeconds(10)).until(() -> accepts(daemonPort));
            // sh, the setsid'd sleep, the python in its own group, the daemon, the sleep in the group.
            await().atMost(Duration.ofSeconds(10)).until(() -> taggedProcesses().size() >= 5);

            faultline.destroyForcibly(); // SIGKILL: no shutdown hook, no finally runs in the harness
            assertThat(faultline.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(taggedProcesses()).as("target processes left after kill -9").isEmpty());
            await().atMost(Duration.ofSeconds(5)).until(() -> !accepts(daemonPort));
            System.out.printf("kill -9 of the harness: 0 target processes left %.2f s later%n", (System.nanoTime() - killedAt) / 1e9);
        } finally {
            faultline.destroyForcibly();
            for (long pid : taggedProcesses()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private void writeScenario(String name, String escape, int daemonPort, String duration) throws IOException {
        Files.writeString(dir.resolve("daemon.py"), DAEMON);
        Files.writeString(dir.resolve("tree.sh"), escape + "\necho up\nwait\n");
        Files.writeString(dir.resolve(name), """
                name: a target whose children escape its group
                upstreams:
                  api:
                    routes:
                      - respond: {status: 200}
                target:
                  run: "sh tree.sh"
                  env: {DAEMON_PORT: "%d", TEST_TAG: "%s"}
                  ready: {log: up, timeout: 30s}
                  stop: {signal: TERM, grace: 2s}
                phases:
                  - {name: only, duration: %s}
                """.formatted(daemonPort, tag, duration));
    }

    /** Living processes whose environment carries this test's tag (zombies hold nothing and are left out). */
    private List<Long> taggedProcesses() throws IOException {
        byte[] entry = ("TEST_TAG=" + tag).getBytes(StandardCharsets.US_ASCII);
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path proc : dirs) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    if (state != 'Z' && state != 'X' && contains(Files.readAllBytes(proc.resolve("environ")), entry)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException e) {
                    // ended while we looked
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
