package dev.faultline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every command line in a {@code ```sh} block of README.md and docs/*.md is run, in order, and must
 * end as documented. {@code faultline} runs in-process (the {@code ./faultline} launcher only builds
 * the jar first); {@code curl} lines run against a real {@code faultline serve}. Runs of long
 * scenario folders are checked by parsing their options and validating their files instead (their
 * own acceptance tests run them); the tour's scenario and {@code faultline init}'s starter do run.
 */
class DocsCommandsAcceptanceTest {
    private static final Path REPO = CliFirstStepsTest.REPO;
    private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");
    private static final List<String> STARTS = List.of("./faultline ", "faultline ", "curl ", "source ", ".ci/run");

    /** Runs that would take minutes: checked by parsing and validating; why each is not run. */
    private static final Map<String, String> VALIDATED_ONLY = Map.of(
            "./faultline run scenarios/demo/", "DemoAcceptanceTest runs the demo",
            "./faultline run scenarios/balance/least-conn-slow.yaml", "NginxBalanceScenariosAcceptanceTest runs every balance sample",
            "./faultline run scenarios/drift/", "DriftScenariosAcceptanceTest runs every drift sample",
            "./faultline run scenarios/ --report-dir out", "every bundled scenario: 6+ minutes; each folder has its acceptance test",
            "./faultline run scenarios/tour/checkout.yaml --seed 42", "the same file runs above; --seed is CliAcceptanceTest's",
            "./faultline run scenarios/tour/ --quiet", "the same file runs above; --quiet runs in CliFirstStepsTest",
            "./faultline run scenarios/tour/ --log-format json", "the same file runs above; JSON logs run in CliFirstStepsTest",
            "./faultline run scenarios/health/ --shard 0/2 --report-dir out/shard-0", "shards run in ShardedSuiteAcceptanceTest",
            "./faultline run scenarios/health/ --shard 1/2 --report-dir out/shard-1", "shards run in ShardedSuiteAcceptanceTest");
    /** Commands not run at all, and why. */
    private static final Map<String, String> EXEMPT = Map.of(
            ".ci/run", "the whole test suite, which includes this test",
            "./faultline report merge out --out out/merged", "merges the shard runs above, which are validated only;"
                    + " ShardedSuiteAcceptanceTest and DeployManifestsTest run merges",
            "./faultline judge scenario.yaml --journal http://10.0.0.7:8099 http://10.0.0.8:8099", "needs serve pods in a"
                    + " cluster; JudgeAcceptanceTest judges two real serves the same way",
            "curl -s -X POST -H \"Authorization: Bearer $TOKEN\" \"http://$ip:8099/phase/outage\" > /dev/null",
            "runs in a pod of a cluster, once per serve pod (no kubectl here)");

    @TempDir
    Path project;

    record Doc(Path file, String command) {
    }

    static List<Doc> documentedCommands() throws IOException {
        List<Path> files = new ArrayList<>(List.of(REPO.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Doc> commands = new ArrayList<>();
        for (Path file : files) {
            Matcher block = SH_BLOCK.matcher(Files.readString(file));
            while (block.find()) {
                for (String line : block.group(1).split("\n")) {
                    String command = line.replaceFirst("^\\$ ", "").replaceFirst("\\s+#.*$", "").strip();
                    if (STARTS.stream().anyMatch(s -> command.startsWith(s) || command.equals(s.strip()))) {
                        commands.add(new Doc(REPO.relativize(file), command));
                    }
                }
            }
        }
        return commands;
    }

    @Test
    void everyShellCommandInTheReadmeAndDocsEndsAsDocumented() throws Exception {
        List<Doc> commands = documentedCommands();
        assertThat(commands).extracting(Doc::command)
                .contains("./faultline run scenarios/tour/checkout.yaml", "./faultline init checkout", "curl -s localhost:8099/status");
        List<String> curls = new ArrayList<>();
        for (Doc doc : commands) {
            String command = doc.command();
            if (EXEMPT.containsKey(command)) {
                continue;
            }
            if (command.startsWith("curl ")) {
                curls.add(command);
            } else if (command.contains("faultline serve ")) {
                assertThat(command).as(doc.file() + ": the serve the curl lines talk to")
                        .startsWith("./faultline serve scenarios/demo/polite-client.yaml --control-port 8099");
            } else {
                runFaultline(doc);
            }
        }
        assertThat(curls).isNotEmpty();
        curlAgainstServe(curls);
    }

    private void runFaultline(Doc doc) throws Exception {
        String command = doc.command();
        String what = doc.file() + ": " + command;
        if (command.startsWith("source <(") && command.endsWith(")")) {
            String inner = command.substring("source <(".length(), command.length() - 1);
            String script = faultline(what, inner, project, 0);
            Path file = Files.writeString(project.resolve("completion.bash"), script);
            Process bash = new ProcessBuilder("bash", "-c", "source \"$1\" && complete -p faultline", "bash", file.toString())
                    .redirectErrorStream(true).start();
            assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as(what + ": " + new String(bash.getInputStream().readAllBytes())).isZero();
            return;
        }
        String redirect = null;
        int at = command.indexOf(" > ");
        if (at > 0) {
            redirect = command.substring(at + 3).strip();
            command = command.substring(0, at);
        }
        List<String> args = args(command);
        if (VALIDATED_ONLY.containsKey(doc.command())) {
            CommandLine.ParseResult parsed = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                    new CliRunner(REPO).context).parseArgs(args.toArray(String[]::new));
            List<String> paths = parsed.subcommand().matchedPositionals().stream()
                    .flatMap(p -> p.stringValues().stream()).toList();
            List<String> validate = new ArrayList<>(List.of("validate"));
            validate.addAll(paths);
            faultline(what + " (validated: " + VALIDATED_ONLY.get(doc.command()) + ")",
                    String.join(" ", validate), REPO, 0);
            return;
        }
        boolean repoFiles = args.stream().anyMatch(a -> a.startsWith("scenarios/"));
        Path workingDir = repoFiles ? REPO : project;
        String line = command.replaceFirst("^(\\./)?faultline ", "");
        if (repoFiles && args.get(0).equals("run") && !args.contains("--report-dir")) {
            line += " --report-dir " + project.resolve("reports-" + Math.abs(line.hashCode()));
        }
        String out = faultline(what, line, workingDir, 0);
        if (redirect != null) {
            Files.writeString(workingDir.resolve(redirect), out);
            if (redirect.endsWith(".json")) {
                new ObjectMapper().readTree(out);
            }
        }
    }

    /** Runs faultline in-process with the words of {@code line}; asserts the exit code; returns stdout. */
    private static String faultline(String what, String line, Path workingDir, int expected) {
        CliRunner cli = new CliRunner(workingDir);
        int code = cli.run(args(line).toArray(String[]::new));
        assertThat(code).as(what + "\nstdout:\n" + cli.out() + "\nstderr:\n" + cli.err()).isEqualTo(expected);
        return cli.out();
    }

    private static List<String> args(String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        if (words.get(0).equals("./faultline") || words.get(0).equals("faultline")) {
            words.remove(0);
        }
        return words;
    }

    private void curlAgainstServe(List<String> curls) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path output = project.resolve("serve.out");
        Process serve = FaultlineProcess.start(REPO, output, "serve", "scenarios/demo/polite-client.yaml",
                "--control-port", Integer.toString(port));
        try {
            await().atMost(60, TimeUnit.SECONDS).until(() -> Files.readString(output).contains("control API: http://127.0.0.1:" + port));
            for (String curl : curls) {
                String command = curl.replace("localhost:8099", "localhost:" + port);
                Process p = new ProcessBuilder("sh", "-c", command + " --max-time 10 -o /dev/null -w '%{http_code}'")
                        .redirectErrorStream(true).start();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).as(curl).isTrue();
                String status = new String(p.getInputStream().readAllBytes()).strip();
                assertThat(p.exitValue()).as(curl + ": " + status).isZero();
                assertThat(status).as(curl).endsWith("200");
            }
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }
}
