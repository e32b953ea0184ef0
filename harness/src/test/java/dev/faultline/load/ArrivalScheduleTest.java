package dev.faultline.load;

import dev.faultline.scenario.LoadSpec.RateStep;
import dev.faultline.scenario.Rate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalScheduleTest {
    private static RateStep step(long atMillis, double perSecond) {
        return new RateStep(Duration.ofMillis(atMillis), new Rate(perSecond));
    }

    private static List<Long> drain(ArrivalSchedule schedule) {
        List<Long> times = new ArrayList<>();
        for (long t = schedule.next(); t != ArrivalSchedule.DONE; t = schedule.next()) {
            times.add(t);
        }
        return times;
    }

    @Test
    void arrivalsAreMultiplesOfTheIntervalFromTheStartSoTheyNeverDrift() {
        ArrivalSchedule schedule = new ArrivalSchedule(List.of(step(0, 3)), 0, Duration.ofDays(10).toNanos());

        long worst = 0;
        for (long k = 0; k < 1_000_000; k++) {
            long exact = k * 1_000_000_000L / 3;
            worst = Math.max(worst, Math.abs(schedule.next() - exact));
        }

        // A million arrivals of 3/s (3.7 days of schedule): each within a nanosecond of k / 3 s, no accumulated rounding.
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void theScheduleAsksForRateTimesDurationAndNothingAtOrAfterTheEnd() {
        List<Long> times = drain(new ArrivalSchedule(List.of(step(0, 100)), 0, 2_000_000_000L));

        assertThat(times).hasSize(200);
        assertThat(times.get(0)).isZero();
        assertThat(times.get(199)).isEqualTo(1_990_000_000L);
        assertThat(ArrivalSchedule.asked(List.of(step(0, 100)), 2_000_000_000L)).isEqualTo(200.0);
    }

    @Test
    void aRateStepTakesOverAtItsTimeAndCountsItsIntervalsFromThere() {
        List<RateStep> steps = List.of(step(0, 10), step(1_000, 100), step(1_500, 4));
        List<Long> times = drain(new ArrivalSchedule(steps, 0, 2_000_000_000L));

        assertThat(times.stream().filter(t -> t < 1_000_000_000L)).hasSize(10);
        assertThat(times.stream().filter(t -> t >= 1_000_000_000L && t < 1_500_000_000L)).hasSize(50);
        assertThat(times).contains(1_000_000_000L, 1_010_000_000L, 1_500_000_000L, 1_750_000_000L);
        assertThat(times).hasSize(62);
        assertThat(ArrivalSchedule.asked(steps, 2_000_000_000L)).isEqualTo(62.0);
    }

    @Test
    void streamsThatShareARateAreStaggeredWithinTheirInterval() {
        LoadPlan.Stream a = new LoadPlan.Stream("a", List.of(step(0, 10)), java.util.Map.of());
        LoadPlan.Stream b = new LoadPlan.Stream("b", List.of(step(0, 10)), java.util.Map.of());

        ArrivalSchedule[] schedules = LoadDriver.schedules(List.of(a, b), 1_000_000_000L);

        assertThat(schedules[0].peek()).isZero();
        assertThat(schedules[1].peek()).isEqualTo(50_000_000L);
        assertThat(drain(schedules[1])).hasSize(10);
    }

    @Test
    void theDriverRunsAsManyRequestsAtOnceAsThePeakRateTimesTheTimeoutNeedsWithRoom() {
        LoadPlan.Stream slow = new LoadPlan.Stream(null, List.of(step(0, 50), step(1_000, 100)), java.util.Map.of());
        java.util.function.BiFunction<LoadPlan.Stream, Duration, LoadPlan> plan = (stream, timeout) -> new LoadPlan(
                List.of("http://127.0.0.1:1"), List.of(stream), List.of(new dev.faultline.scenario.LoadSpec.LoadRequest("GET", "/",
                java.util.Map.of(), java.util.Optional.empty(), 1)), timeout, 1);

        assertThat(LoadDriver.inFlightCap(plan.apply(slow, Duration.ofSeconds(2)))).isEqualTo(316);
        assertThat(LoadDriver.inFlightCap(plan.apply(slow, Duration.ofMillis(100)))).isEqualTo(LoadDriver.MIN_IN_FLIGHT);
        LoadPlan.Stream fast = new LoadPlan.Stream(null, List.of(step(0, 5_000)), java.util.Map.of());
        assertThat(LoadDriver.inFlightCap(plan.apply(fast, Duration.ofSeconds(5)))).isEqualTo(LoadDriver.MAX_IN_FLIGHT);
    }

    @Test
    void poissonArrivalsKeepTheRateWithExponentialGaps() {
        List<Long> times = drain(ArrivalSchedule.poisson(List.of(step(0, 100)), 100_000_000_000L, new java.util.SplittableRandom(5)));

        // 100/s for 100 s: 10,000 arrivals asked; a Poisson count's standard deviation is 100.
        assertThat(times).hasSizeBetween(9_600, 10_400);
        assertThat(times).isSorted().allMatch(t -> t >= 0 && t < 100_000_000_000L);
        double[] gaps = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = times.get(i) - times.get(i - 1);
        }
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / gaps.length);
        // An exponential's coefficient of variation is 1; constant intervals would give 0.
        assertThat(sd / mean).isBetween(0.93, 1.07);
        assertThat(mean).isBetween(9.6e6, 10.4e6);
    }

    @Test
    void poissonArrivalsFollowRateSteps() {
        List<RateStep> steps = List.of(step(0, 10), step(20_000, 1_000), step(21_000, 10));
        List<Long> times = drain(ArrivalSchedule.poisson(steps, 41_000_000_000L, new java.util.SplittableRandom(9)));

        // 200 asked before the step (sd 14), 1,000 during it (sd 32), 200 after.
        assertThat(times.stream().filter(t -> t < 20_000_000_000L)).hasSizeBetween(140, 260);
        assertThat(times.stream().filter(t -> t >= 20_000_000_000L && t < 21_000_000_000L)).hasSizeBetween(870, 1_130);
        assertThat(times.stream().filter(t -> t >= 21_000_000_000L)).hasSizeBetween(140, 260);
    }

    @Test
    void poissonArrivalsReplayFromTheSeedAndEachTenantHasItsOwnStream() {
        LoadPlan.Stream a = new LoadPlan.Stream("a", List.of(step(0, 10)), java.util.Map.of());
        LoadPlan.Stream b = new LoadPlan.Stream("b", List.of(step(0, 10)), java.util.Map.of());
        LoadPlan.Stream c = new LoadPlan.Stream("c", List.of(step(0, 10)), java.util.Map.of());
        java.util.function.BiFunction<List<LoadPlan.Stream>, Long, LoadPlan> plan = (streams, seed) -> new LoadPlan(
                List.of("http://127.0.0.1:1"), streams, List.of(new dev.faultline.scenario.LoadSpec.LoadRequest("GET", "/",
                java.util.Map.of(), java.util.Optional.empty(), 1)), Duration.ofSeconds(1), seed,
                dev.faultline.scenario.Arrivals.POISSON);

        ArrivalSchedule[] twoStreams = LoadDriver.schedules(plan.apply(List.of(a, b), 7L), 10_000_000_000L);
        ArrivalSchedule[] again = LoadDriver.schedules(plan.apply(List.of(a, b), 7L), 10_000_000_000L);
        ArrivalSchedule[] threeStreams = LoadDriver.schedules(plan.apply(List.of(c, a, b), 7L), 10_000_000_000L);
        ArrivalSchedule[] otherSeed = LoadDriver.schedules(plan.apply(List.of(a, b), 8L), 10_000_000_000L);

        List<Long> first = drain(twoStreams[0]);
        List<Long> second = drain(twoStreams[1]);
        assertThat(drain(again[0])).isEqualTo(first);
        assertThat(drain(again[1])).isEqualTo(second);
        // A tenant added (here, first) shifts no other tenant's arrivals: each stream comes from the seed and its name.
        assertThat(drain(threeStreams[1])).isEqualTo(first);
        assertThat(drain(threeStreams[2])).isEqualTo(second);
        assertThat(second).isNotEqualTo(first);
        assertThat(drain(otherSeed[0])).isNotEqualTo(first);
    }

    @Test
    void aRateTooLowForItsIntervalToFitInALongEndsTheStreamInsteadOfWrappingTime() {
        List<RateStep> slow = List.of(new RateStep(Duration.ZERO, new Rate(1e-10)));

        List<Long> constant = drain(new ArrivalSchedule(slow, 0, Long.MAX_VALUE - 1));
        List<Long> poisson = drain(ArrivalSchedule.poisson(slow, Long.MAX_VALUE - 1, new java.util.SplittableRandom(1)));

        assertThat(constant).containsExactly(0L);
        assertThat(poisson).allMatch(t -> t >= 0).isSorted();
    }
}
