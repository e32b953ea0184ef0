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
}
