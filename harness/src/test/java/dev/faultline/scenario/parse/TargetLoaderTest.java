package dev.faultline.scenario.parse;

import dev.faultline.scenario.FeatureUse;
import dev.faultline.scenario.ReadySpec;
import dev.faultline.scenario.Signal;
import dev.faultline.scenario.StopSpec;
import dev.faultline.scenario.TargetSpec;
import dev.faultline.scenario.TargetSpec.Command;
import dev.faultline.scenario.TargetSpec.PortPolicy;
import dev.faultline.scenario.TargetStart;
import dev.faultline.scenario.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code target}: defaults, commands, ports, replicas, ready checks, stop, and the folder it runs in. */
class TargetLoaderTest {
    @TempDir
    Path dir;

    private ScenarioFiles files() {
        return new ScenarioFiles(dir);
    }

    private static String target(String yaml) {
        return "name: t\ntarget:\n" + yaml + ScenarioFiles.ONE_PHASE;
    }

    private TargetSpec loadedTarget(String yaml) {
        return files().loaded(target(yaml)).target().orElseThrow();
    }

    @Test
    void aTargetWithOnlyRunGetsTheDefaults() throws Exception {
        TargetSpec target = loadedTarget("  run: [java, Client.java]\n");

        assertThat(target.workdir()).isEqualTo(dir.toRealPath());
        assertThat(target.env()).isEmpty();
        assertThat(target.port()).isEqualTo(new PortPolicy.None());
        assertThat(target.url()).isEmpty();
        assertThat(target.replicas()).isEqualTo(1);
        assertThat(target.ready()).isEqualTo(new ReadySpec.Immediately());
        assertThat(target.stop()).isEqualTo(StopSpec.DEFAULT);
    }

    @Test
    void aRunStringIsAShellScript() {
        Command command = loadedTarget("  run: ./start.sh --port ${target.port}\n  port: auto\n").command().orElseThrow();

        assertThat(command).isInstanceOf(Command.Shell.class);
        assertThat(((Command.Shell) command).script().raw()).isEqualTo("./start.sh --port ${target.port}");
    }

    @Test
    void aTargetWithOnlyAUrlIsAlreadyRunning() {
        TargetSpec target = loadedTarget("  url: http://127.0.0.1:8080\n  ready: {http: /ready}\n");

        assertThat(target.command()).isEmpty();
        assertThat(target.url().map(Template::raw)).contains("http://127.0.0.1:8080");
        assertThat(target.ready()).isEqualTo(new ReadySpec.Http("/ready", Duration.ofSeconds(30)));
    }

    @Test
    void aTargetNeedsRunOrUrl() {
        assertThat(files().errors(target("  ready: {after: 1s}\n"))).containsExactly(
                "3:3: target: a target needs run or url (run to start it, url to drive one that is already running)");
    }

    @Test
    void anEmptyRunListIsAnError() {
        assertThat(files().errors(target("  run: []\n"))).containsExactly(
                "3:8: target.run: is empty (expected the command and its arguments, such as [java, Service.java])");
    }

    @Test
    void aFixedPortIsKeptAndAutoGivesAFreePort() {
        assertThat(loadedTarget("  run: x\n  port: 9090\n").port()).isEqualTo(new PortPolicy.Fixed(9090));
        assertThat(loadedTarget("  run: x\n  port: auto\n").port()).isEqualTo(new PortPolicy.Auto());
    }

    @Test
    void aPortIsAutoOrANumberFrom1To65535() {
        assertThat(files().errors(target("  run: x\n  port: any\n"))).containsExactly(
                "4:3: target.port: \"any\" is not a port (expected auto or a port number from 1 to 65535)");
        assertThat(files().errors(target("  run: x\n  port: 0\n"))).containsExactly(
                "4:9: target.port: 0 is out of range (expected auto or a port number from 1 to 65535)");
    }

    @Test
    void aFixedPortWithManyReplicasIsAnError() {
        assertThat(files().errors(target("  run: x\n  port: 8080\n  replicas: 3\n"))).containsExactly(
                "4:3: target.port: port 8080 is fixed but replicas is 3 (each replica needs its own port; use port: auto)");
    }

    @Test
    void replicasRangeFrom1To100AndMoreThanOneIsRecordedAsAFeature() {
        assertThat(files().errors(target("  run: x\n  replicas: 101\n"))).containsExactly(
                "4:13: target.replicas: 101 is out of range (expected a number of replicas from 1 to 100)");
        var scenario = files().loaded(target("  run: x\n  replicas: 3\n"));
        assertThat(scenario.target().orElseThrow().replicas()).isEqualTo(3);
        assertThat(scenario.features()).extracting(FeatureUse::key).containsExactly("target.replicas");
    }

    @Test
    void keysForAStartedTargetNeedRun() {
        assertThat(files().errors(target("""
                  url: http://127.0.0.1:8080
                  workdir: .
                  env: {A: b}
                  replicas: 1
                  stop: {signal: INT}
                  port: auto
                """))).containsExactly(
                "4:3: target.workdir: applies only to a target the harness starts (add run, or remove workdir)",
                "5:3: target.env: applies only to a target the harness starts (add run, or remove env)",
                "6:3: target.replicas: applies only to a target the harness starts (add run, or remove replicas)",
                "7:3: target.stop: applies only to a target the harness starts (add run, or remove stop)",
                "8:3: target.port: port: auto applies only to a target the harness starts (add run, or give the port of"
                        + " the running target as a number)");
    }

    @Test
    void eachReadyFormIsReadWithItsTimeoutDefaultingTo30Seconds() {
        assertThat(loadedTarget("  run: x\n  ready: {log: started, timeout: 5s}\n").ready())
                .isEqualTo(new ReadySpec.Log("started", Duration.ofSeconds(5)));
        assertThat(loadedTarget("  run: x\n  port: auto\n  ready: {port: true}\n").ready())
                .isEqualTo(new ReadySpec.Port(Duration.ofSeconds(30)));
        assertThat(loadedTarget("  run: x\n  ready: {after: 2s}\n").ready())
                .isEqualTo(new ReadySpec.After(Duration.ofSeconds(2)));
        assertThat(loadedTarget("  run: x\n  url: http://h:1\n  ready: {http: /ready, timeout: 1m}\n").ready())
                .isEqualTo(new ReadySpec.Http("/ready", Duration.ofMinutes(1)));
    }

    @Test
    void readyTakesExactlyOneCheck() {
        assertThat(files().errors(target("  run: x\n  ready: {http: /r, log: up}\n"))).containsExactly(
                "4:10: target.ready: takes one check but has http and log (keep one)");
        assertThat(files().errors(target("  run: x\n  ready: {timeout: 1s}\n"))).containsExactly(
                "4:10: target.ready: needs one check (expected http: PATH, log: TEXT, port: true or after: DURATION)");
    }

    @Test
    void readyHttpNeedsAUrlAndReadyPortNeedsAPort() {
        assertThat(files().errors(target("  run: x\n  ready: {http: /ready}\n"))).containsExactly(
                "4:11: target.ready.http: needs the target's url to poll (add url to the target)");
        assertThat(files().errors(target("  run: x\n  ready: {port: true}\n"))).containsExactly(
                "4:11: target.ready.port: needs the target's port (add port: auto to the target)");
    }

    @Test
    void readyLogNeedsATargetTheHarnessStarts() {
        assertThat(files().errors(target("  url: http://h:1\n  ready: {log: up}\n"))).containsExactly(
                "4:11: target.ready.log: applies only to a target the harness starts, whose output it reads (add run, or"
                        + " use http)");
    }

    @Test
    void readyAfterTakesNoTimeoutAndPortMustBeTrue() {
        assertThat(files().errors(target("  run: x\n  port: auto\n  ready: {after: 1s, timeout: 2s}\n"))).containsExactly(
                "5:22: target.ready.timeout: does not apply to after (after waits exactly its duration; remove timeout)");
        assertThat(files().errors(target("  run: x\n  port: auto\n  ready: {port: false}\n"))).containsExactly(
                "5:11: target.ready.port: port: false checks nothing (write port: true, or choose another check)");
    }

    @Test
    void aClientWithoutAReadyCheckOrWithAfterStartsWithTheFirstPhase() {
        assertThat(loadedTarget("  run: x\n").start()).isEqualTo(TargetStart.WITH_FIRST_PHASE);
        assertThat(loadedTarget("  run: x\n  ready: {after: 1s}\n").start()).isEqualTo(TargetStart.WITH_FIRST_PHASE);
    }

    @Test
    void aTargetWithAReadyCheckOrAUrlOrAPortStartsBeforeThePhases() {
        assertThat(loadedTarget("  run: x\n  ready: {log: up}\n").start()).isEqualTo(TargetStart.BEFORE_PHASES);
        assertThat(loadedTarget("  run: x\n  port: auto\n  ready: {port: true}\n").start()).isEqualTo(TargetStart.BEFORE_PHASES);
        assertThat(loadedTarget("  run: x\n  url: http://h:1\n  ready: {http: /r}\n").start()).isEqualTo(TargetStart.BEFORE_PHASES);
        assertThat(loadedTarget("  run: x\n  port: auto\n").start()).as("load and probes drive it through its port")
                .isEqualTo(TargetStart.BEFORE_PHASES);
        assertThat(loadedTarget("  run: x\n  url: http://h:1\n  ready: {after: 1s}\n").start()).isEqualTo(TargetStart.BEFORE_PHASES);
    }

    @Test
    void startOverridesTheDefaultEitherWay() {
        assertThat(loadedTarget("  run: x\n  start: before-phases\n").start()).isEqualTo(TargetStart.BEFORE_PHASES);
        assertThat(loadedTarget("  run: x\n  ready: {log: up}\n  start: with-first-phase\n").start())
                .isEqualTo(TargetStart.WITH_FIRST_PHASE);
    }

    @Test
    void anUnknownStartListsTheKnownOnesAndStartNeedsRun() {
        assertThat(files().errors(target("  run: x\n  start: later\n"))).containsExactly(
                "4:10: target.start: \"later\" is not a target start (expected one of: before-phases, with-first-phase)");
        assertThat(files().errors(target("  url: http://h:1\n  start: before-phases\n"))).containsExactly(
                "4:3: target.start: applies only to a target the harness starts (add run, or remove start)");
    }

    @Test
    void signalsAreReadWithOrWithoutSigInAnyCase() {
        assertThat(loadedTarget("  run: x\n  stop: {signal: sigint, grace: 2s}\n").stop())
                .isEqualTo(new StopSpec(Signal.INT, Duration.ofSeconds(2)));
        assertThat(loadedTarget("  run: x\n  stop: {signal: Usr1}\n").stop())
                .isEqualTo(new StopSpec(Signal.USR1, Duration.ofSeconds(10)));
        assertThat(loadedTarget("  run: x\n  stop: {grace: 0s}\n").stop()).isEqualTo(new StopSpec(Signal.TERM, Duration.ZERO));
    }

    @Test
    void anUnknownSignalListsTheKnownOnes() {
        assertThat(files().errors(target("  run: x\n  stop: {signal: STOP}\n"))).containsExactly(
                "4:18: target.stop.signal: \"STOP\" is not a signal (expected one of: TERM, INT, QUIT, HUP, KILL, USR1, USR2)");
    }

    @Test
    void aWorkdirIsResolvedInsideTheScenarioFolder() throws Exception {
        Files.createDirectories(dir.resolve("clients"));

        assertThat(loadedTarget("  run: x\n  workdir: clients\n").workdir()).isEqualTo(dir.toRealPath().resolve("clients"));
    }

    @Test
    void aWorkdirMayNotLeaveTheScenarioFolder() throws Exception {
        Path scenario = files().write("scenarios/s.yaml", target("  run: x\n  workdir: ..\n"));

        assertThat(ScenarioFiles.errors(scenario)).containsExactly("4:12: target.workdir: \"..\" leaves the scenario folder"
                + " (workdir must stay inside the scenario folder " + dir.toRealPath().resolve("scenarios") + ")");
    }

    @Test
    void aWorkdirThatDoesNotExistOrIsAFileIsAnError() throws Exception {
        files().write("notes.txt", "x");

        assertThat(files().errors(target("  run: x\n  workdir: build\n"))).containsExactly("4:12: target.workdir: \"build\""
                + " does not exist (expected a folder at " + dir.toRealPath().resolve("build") + ")");
        assertThat(files().errors(target("  run: x\n  workdir: notes.txt\n"))).containsExactly("4:12: target.workdir:"
                + " \"notes.txt\" is not a folder (expected a folder inside " + dir.toRealPath() + ")");
    }

    @Test
    void envNamesMustBeVariableNamesAndTheHarnessOwnsItsOwn() {
        assertThat(files().errors(target("""
                  run: x
                  port: auto
                  env:
                    1X: a
                    FAULTLINE_REPLICA: "0"
                    PORT: "80"
                """))).containsExactly(
                "6:5: target.env.1X: \"1X\" is not an environment variable name (use letters, digits and _, not starting"
                        + " with a digit)",
                "7:5: target.env.FAULTLINE_REPLICA: FAULTLINE_REPLICA is set by the harness for each replica (remove it;"
                        + " use ${replica} in other values)",
                "8:5: target.env.PORT: PORT is set by the harness to the target's port (remove it; use ${target.port} in"
                        + " other values)");
    }

    @Test
    void envValuesThatYamlReadsAsNumbersOrBooleansAreKeptAsWritten() {
        var env = loadedTarget("  run: x\n  env: {RETRIES: 3, DEBUG: yes, PORT: 8080}\n").env();

        assertThat(env.get("RETRIES").raw()).isEqualTo("3");
        assertThat(env.get("DEBUG").raw()).isEqualTo("yes");
        assertThat(env.get("PORT").raw()).isEqualTo("8080");
    }

    @Test
    void aUrlMustBeHttp() {
        assertThat(files().errors(target("  url: localhost:8080\n"))).containsExactly(
                "3:8: target.url: \"localhost:8080\" is not an http url (expected http://HOST:PORT, such as"
                        + " http://127.0.0.1:${target.port})");
    }

    @Test
    void insecureIsABooleanForATargetWithAUrlAndDefaultsToFalse() {
        assertThat(loadedTarget("  url: https://127.0.0.1:8443\n").insecure()).isFalse();
        assertThat(loadedTarget("  url: https://127.0.0.1:8443\n  insecure: true\n").insecure()).isTrue();
        assertThat(files().errors(target("  run: x\n  insecure: true\n"))).containsExactly(
                "4:3: target.insecure: applies only to a target with a url (the harness's load and probes connect to"
                        + " target.url; add url, or remove insecure)");
        assertThat(files().errors(target("  url: https://h:1\n  insecure: maybe\n"))).hasSize(1)
                .allSatisfy(e -> assertThat(e).startsWith("4:13: target.insecure: "));
    }
}
