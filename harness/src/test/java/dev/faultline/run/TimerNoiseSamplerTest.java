package dev.faultline.run;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.TimerNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Isolated
class TimerNoiseSamplerTest {

    private static List<TimerNoise> noise(Journal journal) {
        return journal.snapshot().stream().filter(TimerNoise.class::isInstance).map(TimerNoise.class::cast).toList();
    }

    @Test
    void journalsTheOversleepOfEachSecondUntilClosed() {
        RunClock clock = RunClock.startingNow();
        Journal journal = new Journal(1_000);
        List<TimerNoise> seen;
        try (TimerNoiseSampler sampler = TimerNoiseSampler.start(clock, journal)) {
            seen = await().atMost(Duration.ofSeconds(20)).until(() -> noise(journal), n -> n.size() >= 2);
        }
        int closedWith = noise(journal).size();

        assertThat(seen.get(1).sinceNanos()).isEqualTo(seen.get(0).atNanos());
        assertThat(seen).allSatisfy(n -> {
            assertThat(n.atNanos() - n.sinceNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
            // 20 ms parks: at most 50 a second, and a loaded machine still wakes the thread a few times.
            assertThat(n.samples()).isBetween(1, 50);
            assertThat(n.p50Nanos()).isNotNegative().isLessThanOrEqualTo(n.p90Nanos());
            assertThat(n.p90Nanos()).isLessThanOrEqualTo(n.maxNanos());
        });
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                .until(() -> noise(journal).size() == closedWith);
    }
}
