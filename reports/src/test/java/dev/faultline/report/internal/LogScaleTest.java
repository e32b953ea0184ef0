package dev.faultline.report.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogScaleTest {

    @Test
    void anAxisCoversWholeDecadesWithOneTwoFiveTicksBetweenThem() {
        LogScale scale = LogScale.covering(4, 73);

        assertThat(scale.ticks()).extracting(scale::label)
                .containsExactly("1", "2", "5", "10", "20", "50", "100");
    }

    @Test
    void manyDecadesAreTickedAtThePowersOfTenAlone() {
        LogScale scale = LogScale.covering(0.05, 12_000);

        assertThat(scale.ticks()).extracting(scale::label).containsExactly("0.01", "0.1", "1", "10", "100", "1k", "10k", "100k");
    }

    @Test
    void eachDecadeTakesTheSameHeight() {
        LogScale scale = LogScale.covering(1, 1000);

        assertThat(scale.fraction(1)).isEqualTo(0);
        assertThat(scale.fraction(10)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(scale.fraction(100)).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(scale.fraction(1000)).isCloseTo(1, within(1e-9));
    }

    @Test
    void zeroHasNoLogarithmSoItIsDrawnOnTheBottomEdgeThreeDecadesBelowTheTop() {
        LogScale scale = LogScale.covering(0, 450);

        assertThat(scale.minExponent()).isEqualTo(0);
        assertThat(scale.maxExponent()).isEqualTo(3);
        assertThat(scale.fraction(0)).isEqualTo(0);
    }

    @Test
    void aSeriesWithNothingPositiveStillGetsAnAxis() {
        LogScale scale = LogScale.covering(0, 0);

        assertThat(scale.ticks()).extracting(scale::label).containsExactly("1", "2", "5", "10");
    }
}
