package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import static dev.faultline.upstream.Specs.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DelayDrawTest {
    private static final long MS = 1_000_000L;

    private static long[] draws(Delay delay, int count) {
        FaultRule faultRule = rule("r").delay(delay).build();
        CompiledRule rule = RuleSet.compile("u", "p", List.of(faultRule), 1, 11, RunClock.startingNow(), id -> new LongAdder())
                .select(TestRequest.get("/"));
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = rule.drawDelayNanos();
        }
        return values;
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void uniformDrawsStayWithinTheirBoundsAndSpreadOverThem() {
        long[] values = draws(new Delay.Uniform(Duration.ofMillis(50), Duration.ofMillis(300)), 10_000);
        assertThat(min(values)).isGreaterThanOrEqualTo(50 * MS);
        assertThat(max(values)).isLessThanOrEqualTo(300 * MS);
        assertThat(Arrays.stream(values).average().orElseThrow()).isCloseTo(175.0 * MS, within(5.0 * MS));
    }

    @Test
    void normalDrawsCentreOnTheMeanAndNeverGoNegative() {
        long[] values = draws(new Delay.Normal(Duration.ofMillis(100), Duration.ofMillis(20)), 10_000);
        assertThat(min(values)).isNotNegative();
        assertThat(Arrays.stream(values).average().orElseThrow()).isCloseTo(100.0 * MS, within(2.0 * MS));
        long[] wide = draws(new Delay.Normal(Duration.ofMillis(10), Duration.ofMillis(50)), 1_000);
        assertThat(min(wide)).isZero();
    }

    @Test
    void lognormalDrawsArePositiveAroundTheirMedian() {
        long[] values = draws(new Delay.LogNormal(Duration.ofMillis(80), 0.5), 10_000);
        assertThat(min(values)).isPositive();
        assertThat(median(values)).isCloseTo(80.0 * MS, within(4.0 * MS));
    }

    @Test
    void paretoDrawsNeverGoBelowTheScaleAndHaveAHeavyTail() {
        long[] values = draws(new Delay.Pareto(Duration.ofMillis(20), 1.5), 10_000);
        assertThat(min(values)).isGreaterThanOrEqualTo(20 * MS);
        // P(X > 10 * scale) = 10^-1.5, about 3.2 %.
        assertThat(Arrays.stream(values).filter(v -> v > 200 * MS).count()).isBetween(220L, 420L);
    }

    @Test
    void theSameSeedDrawsTheSameDelays() {
        Delay delay = new Delay.Uniform(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(draws(delay, 50)).containsExactly(draws(delay, 50));
    }
}
