package dev.faultline.scenario.parse;

import dev.faultline.scenario.ActionSpec;
import dev.faultline.scenario.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code phases[].actions}: signals at offsets into a phase, to one replica or all. */
class PhaseActionsLoaderTest {
    @TempDir
    Path dir;

    private static String actions(String target, String items) {
        return """
                name: t
                target: %s
                phases:
                  - name: shutdown
                    duration: 10s
                    actions:
                %s""".formatted(target, items);
    }

    @Test
    void actionsAreSortedByTimeAndAnOmittedReplicaMeansAll() {
        List<ActionSpec> actions = new ScenarioFiles(dir).loaded(actions("{run: x, replicas: 2}", """
                      - {at: 5s, signal: KILL}
                      - {at: 2s, signal: SIGTERM, replica: 1}
                """)).phases().get(0).actions();

        assertThat(actions).containsExactly(
                new ActionSpec(Duration.ofSeconds(2), Signal.TERM, OptionalInt.of(1)),
                new ActionSpec(Duration.ofSeconds(5), Signal.KILL, OptionalInt.empty()));
    }

    @Test
    void anActionMustFallInsideItsPhaseAndNameAnExistingReplica() {
        assertThat(new ScenarioFiles(dir).errors(actions("{run: x, replicas: 2}", """
                      - {at: 10s, signal: TERM, replica: 2}
                """))).containsExactly(
                "7:10: phases[0].actions[0].at: 10s is past the end of the phase (expected less than its duration, 10s)",
                "7:42: phases[0].actions[0].replica: 2 is out of range (expected a replica index from 0 to 1)");
    }

    @Test
    void anActionNeedsATimeAndASignal() {
        assertThat(new ScenarioFiles(dir).errors(actions("{run: x}", "      - {replica: 0}\n"))).containsExactly(
                "7:9: phases[0].actions[0]: missing key \"at\" (expected when to act, from the start of the phase, such as"
                        + " at: 2s)",
                "7:9: phases[0].actions[0]: missing key \"signal\" (expected the signal to send, such as signal: TERM)");
    }

    @Test
    void actionsNeedATargetTheHarnessStarts() {
        assertThat(new ScenarioFiles(dir).errors(actions("{url: \"http://127.0.0.1:1\"}", "      - {at: 1s, signal: TERM}\n")))
                .containsExactly("6:5: phases[0].actions: send signals to the target's processes, so they need a target the"
                        + " harness starts (add target.run)");
    }
}
