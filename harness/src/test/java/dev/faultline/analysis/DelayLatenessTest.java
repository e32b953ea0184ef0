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

    private static List<Event> delays(int onTime, int late, double lateMillis) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < late; i++) {
            events.add(delayed(1500, 1500 + lateMillis));
        }
        for (int i = 0; i < onTime; i++) {
            events.add(delayed(1500, 1500.5));
        }
        return events;
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
        assertThat(lateness.late()).isEqualTo(1);
        assertThat(lateness.p50Nanos()).isEqualTo(500_000);
        assertThat(lateness.p99Nanos()).isEqualTo(500_000);
        assertThat(lateness.maxNanos()).isEqualTo(30_000_000);
        assertThat(lateness.lagged()).isFalse();
    }

    @Test
    void oneColdFirstDelayAmong21DoesNotMakeTheRunLagThoughItIsTheP99() {
        DelayLateness lateness = DelayLateness.of(delays(20, 1, 17.6));

        assertThat(lateness.p99Nanos()).isEqualTo(17_600_000);
        assertThat(lateness.lagged()).isFalse();
        assertThat(lateness.toleratedNote()).isEqualTo("injected delays: 1 of 21 delayed responses (4.8 %) came more than"
                + " 10 ms late (lateness p50 0.500 ms, p99 17.60 ms, max 17.60 ms); at most 1 % may be, and a machine within that"
                + " shows 1 or more of 21 with probability 0.19 (the rule needs at least 3 late and a probability below 0.001),"
                + " so the run is judged");
    }

    @Test
    void thirtyPercentOfFiftyDelaysLateMakesTheRunLagAndSaysSoWithNumbers() {
        DelayLateness lateness = DelayLateness.of(delays(35, 15, 25));

        assertThat(lateness.lagged()).isTrue();
        assertThat(lateness.explanation()).startsWith("the fake upstreams delivered injected delays late: 15 of 50 delayed"
                + " responses (30 %) came more than 10 ms late (lateness p50 0.500 ms, p99 25 ms, max 25 ms); at most 1 %"
                + " may be, and a machine within that shows 15 or more of 50 with probability ")
                .endsWith("the target was not measured under the declared fault, so no verdict is given (is the machine overloaded?)");
    }

    @Test
    void aDelayExactlyAtTheLimitIsNotLate() {
        assertThat(DelayLateness.of(delays(0, 5, 10)).late()).isZero();
        assertThat(DelayLateness.of(delays(0, 5, 10.1)).late()).isEqualTo(5);
    }

    @Test
    void withoutDelaysNothingLagged() {
        assertThat(DelayLateness.of(List.of()).lagged()).isFalse();
        assertThat(DelayLateness.of(List.of()).p99Nanos()).isEqualTo(-1);
    }
}
