package dev.faultline.analysis.fairness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WaterFillingTest {
    @Test
    void whenEveryDemandIsAboveAnEqualSplitEveryoneGetsTheEqualSplit() {
        assertThat(WaterFilling.shares(new double[] {50, 5, 5}, 10)).containsExactly(new double[] {10 / 3.0, 10 / 3.0, 10 / 3.0},
                within(1e-9));
    }

    @Test
    void aDemandBelowTheEqualSplitIsMetInFullAndTheRestShareWhatItLeaves() {
        assertThat(WaterFilling.shares(new double[] {50, 2}, 12)).containsExactly(new double[] {10, 2}, within(1e-9));
        assertThat(WaterFilling.shares(new double[] {10, 1, 2}, 9)).containsExactly(new double[] {6, 1, 2}, within(1e-9));
        assertThat(WaterFilling.shares(new double[] {4, 1, 8, 2}, 12)).containsExactly(new double[] {4, 1, 5, 2}, within(1e-9));
    }

    @Test
    void capacityBeyondTheTotalDemandIsLeftUnallocated() {
        assertThat(WaterFilling.shares(new double[] {3, 4}, 100)).containsExactly(new double[] {3, 4}, within(1e-9));
    }

    @Test
    void aNegativeDemandCountsAsNoneAndNoClientsGetNothing() {
        assertThat(WaterFilling.shares(new double[] {-1, 6}, 4)).containsExactly(new double[] {0, 4}, within(1e-9));
        assertThat(WaterFilling.shares(new double[0], 4)).isEmpty();
    }
}
