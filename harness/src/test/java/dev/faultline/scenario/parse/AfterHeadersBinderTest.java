package dev.faultline.scenario.parse;

import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.spec.FaultAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code connection: {drop | reset | hang: after-headers}}: bound, and refused with a way to fix it. */
class AfterHeadersBinderTest {
    @TempDir
    Path dir;

    private static String scenario(String connection) {
        return "name: t\nupstreams:\n  p: {}\nphases:\n  - name: a\n    duration: 1s\n    faults:\n      p:\n"
                + "        - connection: " + connection + "\n";
    }

    @Test
    void eachConnectionFaultCanComeAfterTheHeaders() {
        for (FaultAction.AfterHeaders.Then then : FaultAction.AfterHeaders.Then.values()) {
            Scenario s = new ScenarioFiles(dir).loaded(scenario("{" + then.word() + ": after-headers}"));
            FaultAction action = s.phases().get(0).faultsFor("p").get(0).action();
            assertThat(action).isEqualTo(new FaultAction.AfterHeaders(then));
            assertThat(action.effect()).isEqualTo(then.word() + "-after-headers");
            assertThat(s.features()).anyMatch(f -> f.key().equals("phases.faults.connection.after-headers"));
        }
    }

    @Test
    void aWrongMomentOrTwoFaultsAreRefusedAtTheirPlace() {
        assertThat(new ScenarioFiles(dir).errors(scenario("{reset: after-body}")))
                .anyMatch(e -> e.startsWith("9:24: phases[0].faults.p[0].connection.reset: \"after-body\" is not when to"
                        + " reset (expected after-headers:"));
        assertThat(new ScenarioFiles(dir).errors(scenario("{reset: after-headers, hang: after-headers}")))
                .anyMatch(e -> e.contains("takes one connection fault but has reset and hang (keep one)"));
        assertThat(new ScenarioFiles(dir).errors(scenario("{close: after-headers}")))
                .anyMatch(e -> e.contains("unknown key \"close\" (expected one of: drop, hang, reset"));
    }
}
