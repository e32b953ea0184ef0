package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DelayLatenessTest {

    private static Event delayed(long plannedMillis, double achievedMillis) {
        return new UpstreamRequest(0, 1, "api", 0, 1, "GET", "/", null, null, null, "slow/api[0]", "delay", 200, 2,
                plannedMillis * 1_000_000L, (long) (achievedMillis * 1_000_000L), null, UpstreamRequest.Outcome.COMPLETED);
    }

    @Test
    void latenessIsAchievedMinusPlannedOverDelayedResponsesOnly() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            events.add(delayed(100, 100.5));
        }
        events.add(delayed(100, 130));
        events.add(new UpstreamRequest(0, 1, "api", 0, 1, "GET", "/", null, null, null, null, "route", 200, 2, -1, -1, null,
                UpstreamRequest.Outcome.COMPLETED));

        DelayLateness lateness = DelayLateness.of(events);

        assertThat(lateness.delayed()).isEqualTo(100);
        assertThat(lateness.p50Nanos()).isEqualTo(500_000);
        assertThat(lateness.p99Nanos()).isEqualTo(500_000);
        assertThat(lateness.lagged()).isFalse();
    }

    @Test
    void aRunWhoseDelaysCameMoreThanTenMillisecondsLateAtP99Lagged() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            events.add(delayed(100, 101));
        }
        for (int i = 0; i < 5; i++) {
            events.add(delayed(100, 125));
        }

        DelayLateness lateness = DelayLateness.of(events);

        assertThat(lateness.lagged()).isTrue();
        assertThat(lateness.explanation()).startsWith("the fake upstreams delivered injected delays late: lateness p99 25.0 ms"
                + " over 100 delayed responses (limit 10 ms)");
    }

    @Test
    void withoutDelaysNothingLagged() {
        assertThat(DelayLateness.of(List.of()).lagged()).isFalse();
        assertThat(DelayLateness.of(List.of()).p99Nanos()).isEqualTo(-1);
    }
}
