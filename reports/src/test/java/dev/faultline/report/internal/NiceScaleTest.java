package dev.faultline.report.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NiceScaleTest {

    @Test
    void aValueAxisIsWidenedToRoundNumbers() {
        NiceScale scale = NiceScale.covering(0, 412, 5);

        assertThat(scale.ticks()).containsExactly(0.0, 100.0, 200.0, 300.0, 400.0, 500.0);
    }

    @Test
    void aTimeAxisKeepsTheRunsExactEndWithRoundTicksInside() {
        NiceScale scale = NiceScale.exact(0, 32.4, 10);

        assertThat(scale.max()).isEqualTo(32.4);
        assertThat(scale.ticks()).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0);
    }

    @Test
    void labelsHaveTheDecimalsTheStepNeedsAndNoFloatingPointNoise() {
        NiceScale scale = NiceScale.covering(0, 0.7, 5);

        assertThat(scale.ticks()).extracting(scale::label).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8");
    }

    @Test
    void largeValuesAreLabelledInThousands() {
        NiceScale scale = NiceScale.covering(0, 48_000, 5);

        assertThat(scale.ticks()).extracting(scale::label).containsExactly("0k", "10k", "20k", "30k", "40k", "50k");
    }

    @Test
    void anAllZeroSeriesStillGetsAnAxis() {
        NiceScale scale = NiceScale.covering(0, 0, 5);

        assertThat(scale.max()).isGreaterThan(scale.min());
        assertThat(scale.fraction(0)).isEqualTo(0.0);
    }
}
