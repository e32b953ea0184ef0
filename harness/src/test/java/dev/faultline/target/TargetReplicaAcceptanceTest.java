package dev.faultline.target;

import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.SignalSent;
import dev.faultline.journal.TargetExited;
import dev.faultline.journal.TargetReady;
import dev.faultline.journal.TargetStarted;
import dev.faultline.scenario.ReadySpec;
import dev.faultline.scenario.Signal;
import dev.faultline.scenario.StopSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TargetReplicaAcceptanceTest {
    @TempDir
    Path dir;

    private final RunClock clock = RunClock.startingNow();
    private final Journal journal = Journal.withDefaultCapacity();
    private final List<TargetReplica> started = new ArrayList<>();

    @AfterEach
    void killEverything() {
        started.forEach(TargetReplica::killNow);
    }

    private TargetReplica start(String script) throws TargetStartException {
        return start(script, 0);
    }

    private TargetReplica start(String script, int port) throws TargetStartException {
        LaunchSpec launch = new LaunchSpec(0, List.of("/bin/sh", "-c", script), dir, Map.of("GREETING", "hello"), port, dir);
        TargetReplica replica = TargetReplica.start(launch, clock, journal);
        started.add(replica);
        return replica;
    }

    @Test
    void theReplicaLeadsItsOwnProcessGroupSoItsWholeTreeCanBeSignalled() throws Exception {
        TargetReplica replica = start("sleep 30 & sleep 30 & wait");

        await().atMost(Duration.ofSeconds(10)).until(() -> new ProcessGroup(replica.pid()).livingMembers().size() >= 3);
        String stat = Files.readString(Path.of("/proc/" + replica.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(Long.parseLong(fields[2])).as("process group id").isEqualTo(replica.pid());
    }

    @Test
    void outputIsSavedToTheReplicasLogFilesAndTheEnvironmentIsPassed() throws Exception {
        TargetReplica replica = start("echo \"$GREETING from $FAULTLINE_REPLICA\"; echo oops >&2");

        await().atMost(Duration.ofSeconds(10)).until(() -> replica.exit().isPresent());
        replica.stop(StopSpec.DEFAULT);

        assertThat(Files.readString(dir.resolve("target-0.stdout.log"))).isEqualTo("hello from \n");
        assertThat(Files.readString(dir.resolve("target-0.stderr.log"))).isEqualTo("oops\n");
        assertThat(replica.exit().orElseThrow().exitCode()).isZero();
        assertThat(replica.exit().orElseThrow().byHarness()).isFalse();
    }

    @Test
    void stopEndsAWellBehavedTargetWithItsSignalAndRecordsTheExit() throws Exception {
        TargetReplica replica = start("exec sleep 60");

        replica.stop(new StopSpec(Signal.TERM, Duration.ofSeconds(10)));

        TargetExited exit = replica.exit().orElseThrow();
        assertThat(exit.exitCode()).isEqualTo(128 + 15);
        assertThat(exit.killed()).isFalse();
        assertThat(exit.byHarness()).isTrue();
        assertThat(replica.treeAlive()).isFalse();
        assertThat(events(SignalSent.class)).extracting(SignalSent::signal).containsExactly("TERM");
    }

    @Test
    void aTargetThatTrapsTermIsKilledAfterItsGraceWithItsChildren() throws Exception {
        TargetReplica replica = start("trap '' TERM; sleep 300 & sleep 300 & echo trapped; wait; wait");
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.lastOutput().contains("trapped"));
        ProcessGroup group = new ProcessGroup(replica.pid());
        List<Long> tree = group.livingMembers();
        assertThat(tree).hasSizeGreaterThanOrEqualTo(3);

        long before = System.nanoTime();
        replica.stop(new StopSpec(Signal.TERM, Duration.ofMillis(500)));
        double seconds = (System.nanoTime() - before) / 1e9;

        assertThat(seconds).as("waited the grace before KILL").isGreaterThanOrEqualTo(0.5);
        assertThat(replica.killed()).isTrue();
        assertThat(group.livingMembers()).isEmpty();
        for (long pid : tree) {
            assertThat(runningOrSleeping(pid)).as("pid %d still running", pid).isFalse();
        }
        assertThat(replica.exit().orElseThrow().exitCode()).isEqualTo(128 + 9);
        assertThat(events(SignalSent.class)).extracting(SignalSent::signal, SignalSent::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TERM", "stop"), org.assertj.core.groups.Tuple.tuple("KILL", "kill"));
    }

    @Test
    void childrenLeftBehindByAnExitedTargetAreStoppedToo() throws Exception {
        TargetReplica replica = start("sleep 300 & echo started");
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.exit().isPresent());
        ProcessGroup group = new ProcessGroup(replica.pid());
        assertThat(group.livingMembers()).as("the orphaned sleep").hasSize(1);

        replica.stop(StopSpec.DEFAULT);

        assertThat(group.livingMembers()).isEmpty();
    }

    /**
     * A tree of two shells, each trapping {@code signal}: the child runs in the parent's foreground, so
     * the parent's trap runs once the child has handled its own and exited.
     */
    private static String trapsInBothProcesses(Signal signal) {
        String s = signal.name();
        return "trap 'echo parent-got-" + s + "; exit 0' " + s + "; "
                + "/bin/sh -c \"trap 'echo child-got-" + s + "; exit 0' " + s + "; echo up; while :; do sleep 0.05; done\"";
    }

    @ParameterizedTest
    @EnumSource(value = Signal.class, names = "KILL", mode = EnumSource.Mode.EXCLUDE)
    void eachSignalReachesEveryProcessOfTheTree(Signal signal) throws Exception {
        TargetReplica replica = start(trapsInBothProcesses(signal));
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.lastOutput().contains("up"));

        replica.signal(signal, "action");

        await().atMost(Duration.ofSeconds(10)).until(() -> !replica.treeAlive());
        assertThat(replica.lastOutput()).contains("child-got-" + signal.name(), "parent-got-" + signal.name());
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.exit().isPresent());
        assertThat(replica.exit().orElseThrow().exitCode()).isZero();
        assertThat(events(SignalSent.class)).extracting(SignalSent::signal, SignalSent::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(signal.name(), "action"));
    }

    @ParameterizedTest
    @EnumSource(value = Signal.class, names = {"INT", "QUIT", "HUP", "USR1", "USR2"})
    void theFinalStopSendsItsSignalToTheWholeTree(Signal signal) throws Exception {
        TargetReplica replica = start(trapsInBothProcesses(signal));
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.lastOutput().contains("up"));

        replica.stop(new StopSpec(signal, Duration.ofSeconds(10)));

        assertThat(replica.lastOutput()).contains("child-got-" + signal.name(), "parent-got-" + signal.name());
        assertThat(replica.exit().orElseThrow().exitCode()).isZero();
        assertThat(replica.killed()).isFalse();
        assertThat(events(SignalSent.class)).extracting(SignalSent::signal, SignalSent::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(signal.name(), "stop"));
    }

    @Test
    void killEndsEveryProcessOfTheTreeAtOnce() throws Exception {
        TargetReplica replica = start("trap '' TERM INT QUIT HUP; sleep 300 & sleep 300 & echo up; wait; wait");
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.lastOutput().contains("up"));
        List<Long> tree = new ProcessGroup(replica.pid()).livingMembers();
        assertThat(tree).hasSizeGreaterThanOrEqualTo(3);

        replica.signal(Signal.KILL, "action");

        await().atMost(Duration.ofSeconds(5)).until(() -> !replica.treeAlive() && replica.exit().isPresent());
        for (long pid : tree) {
            assertThat(runningOrSleeping(pid)).as("pid %d still running", pid).isFalse();
        }
        assertThat(replica.exit().orElseThrow().exitCode()).isEqualTo(128 + 9);
        assertThat(replica.killed()).isTrue();
    }

    @Test
    void aTargetStartsWithNoneOfTheSignalsIgnoredOrBlocked() throws Exception {
        TargetReplica replica = start("grep -E '^Sig(Ign|Blk):' /proc/self/status; exec sleep 60");

        await().atMost(Duration.ofSeconds(10)).until(() -> replica.lastOutput().size() >= 2);

        for (String line : replica.lastOutput()) {
            long mask = Long.parseLong(line.substring(line.indexOf('\t') + 1).trim(), 16);
            for (Signal signal : Signal.values()) {
                assertThat(mask & (1L << (signal.number() - 1))).as("%s in %s", signal, line).isZero();
            }
        }
    }

    @Test
    void anAbortCutsALongStopGraceShort() throws Exception {
        TargetReplica replica = start("trap '' TERM; echo up; while :; do sleep 0.05; done");
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.lastOutput().contains("up"));
        long hurryAfter = System.nanoTime() + 300_000_000L;

        long before = System.nanoTime();
        replica.stop(new StopSpec(Signal.TERM, Duration.ofSeconds(60)), "abort", () -> System.nanoTime() > hurryAfter,
                Duration.ofMillis(200));
        double seconds = (System.nanoTime() - before) / 1e9;

        assertThat(seconds).as("stopped long before the 60 s grace").isLessThan(10);
        assertThat(replica.killed()).isTrue();
        assertThat(events(SignalSent.class)).extracting(SignalSent::signal, SignalSent::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TERM", "abort"), org.assertj.core.groups.Tuple.tuple("KILL", "abort"));
    }

    @Test
    void logReadinessWaitsForTheLine() throws Exception {
        TargetReplica replica = start("sleep 0.3; echo 'server started on 8080'; exec sleep 60");

        new ReadinessCheck(clock, journal).await(replica, new ReadySpec.Log("started on", Duration.ofSeconds(10)), null, 0);

        assertThat(replica.lastOutput()).contains("server started on 8080");
    }

    @Test
    void portReadinessWaitsUntilTheTargetAccepts() throws Exception {
        int port = freePort();
        TargetReplica replica = start("sleep 0.3; exec python3 -c 'import socket,time; s=socket.socket(); "
                + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((\"127.0.0.1\", " + port + ")); s.listen(); time.sleep(60)'", port);

        new ReadinessCheck(clock, journal).await(replica, new ReadySpec.Port(Duration.ofSeconds(20)), null, port);

        assertThat(replica.isRunning()).isTrue();
    }

    @Test
    void aTargetThatExitsBeforeItIsReadyIsAnErrorWithItsExitCodeAndLastOutput() throws Exception {
        TargetReplica replica = start("echo 'config missing: PAYMENTS_URL'; exit 7");

        assertThatThrownBy(() -> new ReadinessCheck(clock, journal)
                .await(replica, new ReadySpec.Log("started", Duration.ofSeconds(20)), null, 0))
                .isInstanceOf(TargetStartException.class)
                .hasMessage("target replica 0 (/bin/sh -c echo 'config missing: PAYMENTS_URL'; exit 7) exited with code 7 before it became"
                        + " ready (waiting for \"started\" in its output)")
                .satisfies(e -> assertThat(((TargetStartException) e).lastOutput()).containsExactly("config missing: PAYMENTS_URL"));
    }

    @Test
    void aTargetThatNeverBecomesReadyTimesOut() throws Exception {
        TargetReplica replica = start("echo booting; exec sleep 60");

        assertThatThrownBy(() -> new ReadinessCheck(clock, journal)
                .await(replica, new ReadySpec.Log("started", Duration.ofMillis(300)), null, 0))
                .isInstanceOf(TargetStartException.class)
                .hasMessage("target replica 0 (/bin/sh -c echo booting; exec sleep 60) did not become ready within 0.3 s"
                        + " (waiting for \"started\" in its output)");
    }

    @Test
    void aCommandThatDoesNotExistIsNotStartedAndTheErrorNamesItAndWhy() {
        LaunchSpec launch = new LaunchSpec(0, List.of("/no/such/binary"), dir, Map.of(), 0, dir);

        assertThatThrownBy(() -> started.add(TargetReplica.start(launch, clock, journal)))
                .isInstanceOf(TargetStartException.class)
                .hasMessage("target replica 0 could not be started (/no/such/binary): /no/such/binary: No such file or directory");
        assertThat(events(TargetStarted.class)).isEmpty();
    }

    @Test
    void aClientThatEndsWith126Or127BeforeItsReadyDelayIsAnErrorItsCommandCouldNotBeExecuted() throws Exception {
        // What env(1) or a shell exits with when the exec of a command fails after it started.
        TargetReplica replica = start("echo 'sh: 1: helper: not found' >&2; exit 127");

        assertThatThrownBy(() -> new ReadinessCheck(clock, journal).await(replica, new ReadySpec.After(Duration.ofSeconds(2)), null, 0))
                .isInstanceOf(TargetStartException.class)
                .hasMessageStartingWith("target replica 0 (/bin/sh -c echo 'sh: 1: helper: not found' >&2; exit 127) exited with"
                        + " code 127: a command was not found")
                .satisfies(e -> assertThat(((TargetStartException) e).lastOutput()).containsExactly("sh: 1: helper: not found"));
    }

    @Test
    void aClientThatEndsByItselfWithAnyOtherCodeBeforeItsReadyDelayIsReady() throws Exception {
        TargetReplica replica = start("exit 1");

        new ReadinessCheck(clock, journal).await(replica, new ReadySpec.After(Duration.ofSeconds(2)), null, 0);

        assertThat(events(TargetReady.class)).hasSize(1);
    }

    @Test
    void aTargetWhosePortIsTakenIsNotStarted() throws Exception {
        try (ServerSocket intruder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = intruder.getLocalPort();

            assertThatThrownBy(() -> started.add(start("exec sleep 60", port)))
                    .isInstanceOf(TargetStartException.class)
                    .hasMessageContaining("port " + port + " is taken by another process");
            assertThat(events(TargetStarted.class)).isEmpty();
        }
    }

    private <T extends Event> List<T> events(Class<T> type) {
        return journal.snapshot().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** True unless the process is gone or a zombie (an orphan's zombie waits for init to reap it). */
    private static boolean runningOrSleeping(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
