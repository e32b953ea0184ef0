package dev.faultline.junit5;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FaultlineTest(scenario = "scenarios/checkout.yaml")
class FaultlineTestAnnotationTest {

    @Test
    void theScenariosUpstreamAnswersItsRoutesInTheFirstPhase(Faultline fl) throws Exception {
        assertThat(fl.url("payments")).startsWith("http://127.0.0.1:");
        assertThat(Clients.get(fl.url("payments") + "/pay")).isEqualTo(404); // the route is POST only
    }

    @Test
    void aPhaseOfTheScenarioPutsItsFaultsInForceAndTheJudgeSeesItsWindow(Faultline fl) throws Exception {
        fl.phase("outage");
        for (int call = 0; call < 3; call++) {
            assertThat(Clients.impatient(fl.url("payments") + "/pay", 4)).isEqualTo(503);
        }

        FaultlineVerdict verdict = fl.expect().retries("payments").maxAttemptsPerCall(3).during("outage").verdict();

        assertThatThrownBy(verdict::assertHeld)
                .hasMessageContaining("retries.max-attempts-per-call failed")
                .hasMessageContaining("4 attempts")
                .hasMessageContaining("outage");
    }

    @Test
    void anUnknownPhaseIsRefusedNamingThePhasesThereAre(Faultline fl) {
        assertThatThrownBy(() -> fl.phase("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steady, outage");
    }
}
