package dev.faultline.target;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.scenario.Signal;
import dev.faultline.scenario.StopSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A replica's stop reaches the processes that left its process group, and only those of its own run. */
class TargetTreeEscapeTest {
    @TempDir
    Path dir;

    private final RunClock clock = RunClock.startingNow();
    private final Journal journal = Journal.withDefaultCapacity();
    private final List<TargetReplica> started = new ArrayList<>();

    @AfterEach
    void killEverything() {
        started.forEach(TargetReplica::killNow);
    }

    private TargetReplica start(String script, Optional<String> marker) throws TargetStartException {
        Map<String, String> env = new HashMap<>();
        marker.ifPresent(m -> env.put(TargetMarker.VARIABLE, m));
        TargetReplica replica = TargetReplica.start(new LaunchSpec(0, List.of("/bin/sh", "-c", script), dir, env, 0, dir), clock, journal);
        started.add(replica);
        return replica;
    }

    private static Optional<String> newMarker() {
        return Optional.of(TargetMarker.of(UUID.randomUUID().toString(), 0));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void stopKillsAChildThatMovedToItsOwnProcessGroupFoundByItsSessionWithoutAMarker() throws Exception {
        TargetReplica replica = start("python3 -c 'import os, time; os.setpgid(0, 0); time.sleep(300)' & echo up; wait", Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> LeftBehind.find(replica.pid(), Optional.empty()).size() == 1);
        long escaped = LeftBehind.find(replica.pid(), Optional.empty()).get(0).pid();
        assertThat(new ProcessGroup(replica.pid()).livingMembers()).as("the group no longer holds it").doesNotContain(escaped);

        replica.stop(new StopSpec(Signal.TERM, Duration.ofSeconds(2)));

        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(escaped));
        assertThat(replica.killedLate()).singleElement().asString()
                .startsWith("killed late: pid " + escaped + " (")
                .contains("python3 -c import os, time; os.setpgid(0, 0);")
                .endsWith(") left its process group");
        assertThat(replica.treeAlive()).isFalse();
    }

    @Test
    void stopKillsASetsidGrandchildByItsMarkerAndLeavesAnotherRunsGrandchildAlone() throws Exception {
        Optional<String> mine = newMarker();
        Optional<String> theirs = newMarker();
        TargetReplica replica = start("setsid sleep 300 & wait", mine);
        TargetReplica otherRun = start("setsid sleep 301 & wait", theirs);
        await().atMost(Duration.ofSeconds(20)).until(() -> LeftBehind.find(replica.pid(), mine).size() == 1
                && LeftBehind.find(otherRun.pid(), theirs).size() == 1);
        long escaped = LeftBehind.find(replica.pid(), mine).get(0).pid();
        long othersEscaped = LeftBehind.find(otherRun.pid(), theirs).get(0).pid();

        replica.stop(new StopSpec(Signal.TERM, Duration.ofSeconds(2)));

        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(escaped));
        assertThat(replica.killedLate()).containsExactly("killed late: pid " + escaped + " (sleep 300) left its process group and its session");
        assertThat(alive(othersEscaped)).as("the other run's process").isTrue();
        assertThat(otherRun.treeAlive()).isTrue();
    }

    @Test
    void aTargetThatExitedOnItsOwnHasTheDaemonItLeftKilledAtTheStop() throws Exception {
        Optional<String> marker = newMarker();
        TargetReplica replica = start("setsid sleep 300 > /dev/null 2>&1 & exit 0", marker);
        await().atMost(Duration.ofSeconds(20)).until(() -> replica.exit().isPresent() && LeftBehind.find(replica.pid(), marker).size() == 1);
        long daemon = LeftBehind.find(replica.pid(), marker).get(0).pid();

        replica.stop(StopSpec.DEFAULT);

        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(daemon));
        assertThat(replica.killedLate()).containsExactly("killed late: pid " + daemon + " (sleep 300) left its process group and its session");
        assertThat(replica.exit().orElseThrow().exitCode()).as("the target's own exit is unchanged").isZero();
    }

    @Test
    void aWellBehavedTargetHasNothingKilledLate() throws Exception {
        TargetReplica replica = start("sleep 300 & sleep 300 & wait", newMarker());
        await().atMost(Duration.ofSeconds(20)).until(() -> new ProcessGroup(replica.pid()).livingMembers().size() == 3);

        replica.stop(StopSpec.DEFAULT);

        assertThat(replica.killedLate()).isEmpty();
        assertThat(replica.treeAlive()).isFalse();
    }
}
