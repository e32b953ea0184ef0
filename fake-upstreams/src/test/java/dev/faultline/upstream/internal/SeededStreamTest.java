package dev.faultline.upstream.internal;

import org.junit.jupiter.api.Test;

import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeededStreamTest {

    @Test
    void sameSeedUpstreamAndKeyGiveTheSameSequence() {
        SeededStream a = SeededStream.derive(7, "payments", "rule-a", "probability");
        SeededStream b = SeededStream.derive(7, "payments", "rule-a", "probability");
        assertThat(draws(a, 100)).containsExactly(draws(b, 100));
    }

    @Test
    void eachPartOfTheDerivationChangesTheSequence() {
        double[] base = draws(SeededStream.derive(7, "payments", "rule-a", "probability"), 20);
        assertThat(draws(SeededStream.derive(8, "payments", "rule-a", "probability"), 20)).isNotEqualTo(base);
        assertThat(draws(SeededStream.derive(7, "orders", "rule-a", "probability"), 20)).isNotEqualTo(base);
        assertThat(draws(SeededStream.derive(7, "payments", "rule-b", "probability"), 20)).isNotEqualTo(base);
        assertThat(draws(SeededStream.derive(7, "payments", "rule-a", "delay"), 20)).isNotEqualTo(base);
        assertThat(draws(SeededStream.derive(7, "paymentsrule-a", "", "probability"), 20)).isNotEqualTo(base);
    }

    @Test
    void theNthValueDependsOnlyOnItsPosition() {
        SeededStream stream = SeededStream.ofSeed(42);
        double third = SeededStream.ofSeed(42).unitAt(2);
        long first = stream.claim(2);
        assertThat(first).isZero();
        assertThat(stream.nextUnit()).isEqualTo(third);
        assertThat(stream.drawn()).isEqualTo(3);
    }

    @Test
    void valuesAreUniformInTheUnitInterval() {
        double[] values = draws(SeededStream.ofSeed(1), 100_000);
        assertThat(DoubleStream.of(values).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(DoubleStream.of(values).max().orElseThrow()).isLessThan(1.0);
        assertThat(DoubleStream.of(values).average().orElseThrow()).isCloseTo(0.5, within(0.01));
        assertThat(DoubleStream.of(values).filter(v -> v < 0.1).count()).isBetween(9_000L, 11_000L);
    }

    private static double[] draws(SeededStream stream, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = stream.nextUnit();
        }
        return values;
    }
}
