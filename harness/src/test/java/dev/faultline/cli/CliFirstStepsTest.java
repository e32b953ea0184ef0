package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The first steps of a new user: init, schema, help, completion, suggestions, quiet and JSON logs, combined reports. */
class CliFirstStepsTest {
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @TempDir
    Path dir;

    @Test
    void initWritesAStarterWithASchemaLineThatValidatesAndRunsAsWrittenWithJsonLogs() throws Exception {
        CliRunner init = new CliRunner(dir);
        assertThat(init.run("init")).as(init.err()).isEqualTo(ExitCodes.HELD);
        Path starter = dir.resolve("scenario.yaml");
        List<String> lines = Files.readAllLines(starter);
        assertThat(lines.get(0)).isEqualTo("# yaml-language-server: $schema=faultline.schema.json");

        CliRunner validate = new CliRunner(dir);
        assertThat(validate.run("validate", "scenario.yaml")).as(validate.out()).isEqualTo(ExitCodes.HELD);
        assertThat(validate.out()).isEqualTo("ok scenario.yaml: checkout survives a payments outage (3 phases, 1 check)\n");

        CliRunner run = new CliRunner(dir);
        int code = run.run("run", "scenario.yaml", "--log-format", "json");

        assertThat(code).as(run.out() + run.err()).isEqualTo(ExitCodes.HELD);
        assertThat(run.out()).contains("PASS  retries.max-amplification");
        List<JsonNode> log = run.err().lines().map(CliFirstStepsTest::json).toList();
        assertThat(log).allSatisfy(line -> {
            assertThat(line.get("level").asText()).isIn("info", "warning", "error");
            assertThat(Instant.parse(line.get("time").asText())).isNotNull();
            assertThat(line.get("file").asText()).isEqualTo("scenario.yaml");
        });
        assertThat(log).extracting(line -> line.get("message").asText()).contains("phase outage (4 s) — faults on payments");
        assertThat(log).noneMatch(line -> line.get("level").asText().equals("warning"));
        JsonNode report = Faultline.report(dir.resolve("faultline-reports/checkout-survives-a-payments-outage"));
        assertThat(report.get("expectations")).hasSize(1);
    }

    @Test
    void aTargetThatDoesNotForwardTheRequestIdIsJudgedByRatesAndTheRunSaysSo() throws Exception {
        new CliRunner(dir).run("init", "nofwd");
        Path file = dir.resolve("nofwd.yaml");
        String forwarding = "headers={\"X-Request-Id\": self.headers.get(\"X-Request-Id\", \"\")}";
        String text = Files.readString(file);
        assertThat(text).contains(forwarding);
        Files.writeString(file, text.replace(forwarding, "headers={}"));
        CliRunner run = new CliRunner(dir);

        int code = run.run("run", "nofwd.yaml", "--quiet");

        assertThat(code).as(run.out() + run.err()).isEqualTo(ExitCodes.HELD);
        assertThat(run.out()).contains("PASS  retries.max-amplification").contains("× baseline rate");
        assertThat(run.err()).startsWith("warning: retries.max-amplification: judged by attempt rates, not per call:")
                .contains("carried X-Request-Id, traceparent or Idempotency-Key (the target did not forward X-Request-Id;")
                .doesNotContain("phase outage", "running");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void initRefusesToOverwriteAFileAndExitsTwo() throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), "precious");
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("init", "mine");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.err()).contains("mine.yaml already exists; init does not overwrite it");
        assertThat(Files.readString(dir.resolve("mine.yaml"))).isEqualTo("precious");
    }

    @Test
    void schemaPrintsTheSchemaOfScenariosSchemaAsPackagedInTheJar() throws Exception {
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("schema");

        assertThat(code).isEqualTo(ExitCodes.HELD);
        assertThat(cli.out())
                .as("the jar must carry scenarios/schema/faultline-scenario.schema.json (harness/pom.xml packages it)")
                .isEqualTo(Files.readString(REPO.resolve("scenarios/schema/faultline-scenario.schema.json")));
        assertThat(JSON.readTree(cli.out()).at("/properties/$schema/type").asText()).isEqualTo("string");
    }

    @Test
    void aDollarSchemaKeyIsAcceptedAndMustBeText() throws Exception {
        Files.writeString(dir.resolve("ok.json"), """
                {"$schema": "faultline.schema.json", "name": "json", "phases": [{"name": "a", "duration": "1s"}]}
                """);
        Files.writeString(dir.resolve("bad.yaml"), "$schema: [1]\nname: bad\nphases: [{name: a, duration: 1s}]\n");
        CliRunner cli = new CliRunner(dir);

        cli.run("validate", "ok.json", "bad.yaml");

        assertThat(cli.out()).contains("ok ok.json: json (1 phase, 0 checks)").contains("bad.yaml:1:10: $schema: ");
    }

    @Test
    void validateCountsEveryCheckAsTheRunDoesNotEveryMapping() {
        LoadOutcome loaded = new ScenarioLoader().load(REPO.resolve("scenarios/tour/checkout.yaml"));
        Scenario tour = ((LoadOutcome.Loaded) loaded).scenario();

        assertThat(tour.expect().retries()).hasSize(1);
        assertThat(ValidateCommand.checks(tour)).isEqualTo(3);
    }

    @Test
    void helpRunPrintsTheRunCommandsUsage() {
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("help", "run");

        assertThat(code).isEqualTo(ExitCodes.HELD);
        assertThat(cli.out()).startsWith("Usage: faultline run ").contains("--quiet").contains("--log-format=FORMAT");
    }

    @Test
    void aMistypedCommandOrOptionGetsADidYouMean() {
        CliRunner command = new CliRunner(dir);
        assertThat(command.run("valdate", "x.yaml")).isEqualTo(ExitCodes.INVALID);
        assertThat(command.err()).contains("unknown command \"valdate\"").contains("Did you mean: faultline validate?");

        CliRunner option = new CliRunner(dir);
        assertThat(option.run("run", "--quite", "x.yaml")).isEqualTo(ExitCodes.INVALID);
        assertThat(option.err()).contains("Unknown option: '--quite'").contains("--quiet");
    }

    @Test
    void completionPrintsAScriptThatBashAcceptsAndThatCompletesTheCommands() throws Exception {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("completion")).isEqualTo(ExitCodes.HELD);
        Path script = dir.resolve("faultline-completion.bash");
        Files.writeString(script, cli.out());

        Process bash = new ProcessBuilder("bash", "-c", "source \"$1\" && COMP_WORDS=(faultline va) && COMP_CWORD=1"
                + " && COMP_LINE='faultline va' && COMP_POINT=12 && _complete_faultline && echo \"${COMPREPLY[@]}\"", "bash",
                script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(bash.getInputStream().readAllBytes()).strip();

        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("validate");
    }

    @Test
    void severalFilesWriteOneCombinedJunitXmlAndSummaryNextToTheirFolders() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), MINIMAL.formatted("first"));
        Files.writeString(dir.resolve("b.yaml"), MINIMAL.formatted("second"));
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("run", "a.yaml", "b.yaml", "--report-dir", "out");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.HELD);
        assertThat(dir.resolve("out/first/junit.xml")).exists();
        assertThat(dir.resolve("out/second/junit.xml")).exists();
        var junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("out/junit.xml").toFile());
        assertThat(junit.getDocumentElement().getTagName()).isEqualTo("testsuites");
        assertThat(junit.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        String summary = Files.readString(dir.resolve("out/summary.md"));
        assertThat(summary).startsWith("# faultline: 2 scenarios\n")
                .contains("| HELD | first | `a.yaml` | `out/first` |")
                .contains("| HELD | second | `b.yaml` | `out/second` |")
                .contains("\n## ");
        assertThat(cli.out()).contains("combined: out/junit.xml, out/summary.md");
    }

    @Test
    void quietDropsProgressButKeepsWarningsAndErrorsAndJsonNamesTheLevel() throws IOException {
        StringWriter text = new StringWriter();
        ProgressLog quiet = new ProgressLog(new PrintWriter(text), false, true, Clock.systemUTC());
        quiet.writer().println("  phase outage (4 s)");
        quiet.writer().println("  warning: fake upstream p did not stop cleanly: x");
        quiet.error("faultline: no scenario files");
        assertThat(text.toString()).isEqualTo("  warning: fake upstream p did not stop cleanly: x\nfaultline: no scenario files\n");

        StringWriter json = new StringWriter();
        ProgressLog log = new ProgressLog(new PrintWriter(json), true, false, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        log.file("a.yaml");
        log.writer().print("  phase out");
        log.writer().println("age (4 s)");
        log.writer().println("faultline: could not write /x: disk full");
        assertThat(json.toString()).isEqualTo("""
                {"time":"1970-01-01T00:00:00Z","level":"info","message":"phase outage (4 s)","file":"a.yaml"}
                {"time":"1970-01-01T00:00:00Z","level":"error","message":"could not write /x: disk full","file":"a.yaml"}
                """);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
