package dev.faultline.analysis.fairness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JainIndexTest {
    @Test
    void equalValuesScoreOne() {
        assertThat(JainIndex.of(new double[] {0.7, 0.7, 0.7})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void kOfNEqualAndTheRestNothingScoresKOverN() {
        assertThat(JainIndex.of(new double[] {1, 0, 0, 0})).isCloseTo(0.25, within(1e-12));
        assertThat(JainIndex.of(new double[] {2, 2, 2, 0, 0})).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void aHeavyTenantTakingNearlyEverythingOfThreeScoresAboutAThird() {
        double fair = 10 / 3.0;
        assertThat(JainIndex.of(new double[] {9.8 / fair, 0.1 / fair, 0.1 / fair})).isCloseTo(0.347, within(0.001));
    }

    @Test
    void nothingToCompareIsNotANumber() {
        assertThat(JainIndex.of(new double[0])).isNaN();
        assertThat(JainIndex.of(new double[] {0, 0})).isNaN();
    }
}
