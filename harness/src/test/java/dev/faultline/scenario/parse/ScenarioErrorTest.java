package dev.faultline.scenario.parse;

import dev.faultline.scenario.SourceLocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How an error reads, and what an invalid result must hold. */
class ScenarioErrorTest {
    private static final SourceLocation AT = new SourceLocation(Path.of("scenarios/outage.yaml"), 14, 7);

    @Test
    void anErrorReadsAsFileLineColumnKeyPathAndMessage() {
        assertThat(new ScenarioError(AT, "phases[1].duration", "\"-5 parsecs\" is not a duration (use 250ms, 2s, 1.5s, 1m)"))
                .hasToString("scenarios/outage.yaml:14:7: phases[1].duration: \"-5 parsecs\" is not a duration (use 250ms,"
                        + " 2s, 1.5s, 1m)");
    }

    @Test
    void anErrorAboutTheWholeFileHasNoKeyPath() {
        assertThat(new ScenarioError(AT, "", "file is empty (expected a scenario: a mapping with name, phases, ...)"))
                .hasToString("scenarios/outage.yaml:14:7: file is empty (expected a scenario: a mapping with name, phases,"
                        + " ...)");
    }

    @Test
    void anInvalidResultNeedsAtLeastOneError() {
        assertThatThrownBy(() -> new LoadOutcome.Invalid(Path.of("x.yaml"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invalid result needs at least one error");
    }
}
