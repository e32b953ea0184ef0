package dev.faultline.analysis;

import dev.faultline.analysis.health.HealthJournal;
import dev.faultline.journal.CallOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.faultline.analysis.health.HealthJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadStatsTest {

    @Test
    void eachPhaseCountsTheRequestsIntendedInItWithTheirOutcomes() {
        HealthJournal j = journal().phase("steady", 0).phase("outage", 1_000).end(2_000)
                .load(0, 1_000, 100, 200)
                .load(1_000, 1_500, 100, 503)
                .loadRequest(1_500, 0, 2_000, 0, CallOutcome.TIMEOUT)
                .loadRequest(1_600, 0, 1, 0, CallOutcome.REFUSED)
                .loadRequest(1_700, 0, 1, 0, CallOutcome.RESET)
                .loadRequest(1_800, 0, 1, 0, CallOutcome.CLOSED)
                .loadRequest(1_900, 0, 500, 0, CallOutcome.CANCELLED);

        List<LoadStats> rows = LoadStats.perPhase(j.events());

        assertThat(rows).extracting(LoadStats::window).containsExactly("steady", "outage", "run");
        LoadStats steady = rows.get(0);
        assertThat(steady.requests()).isEqualTo(10);
        assertThat(steady.successRate()).isEqualTo(1.0);
        assertThat(steady.achievedPerSecond()).isEqualTo(10.0);
        LoadStats outage = rows.get(1);
        assertThat(outage.requests()).isEqualTo(9);
        assertThat(outage.succeeded()).isZero();
        assertThat(outage.cancelled()).isEqualTo(1);
        assertThat(outage.outcomes()).containsOnly(java.util.Map.entry("503", 5L), java.util.Map.entry("timeout", 1L),
                java.util.Map.entry("refused", 1L), java.util.Map.entry("reset", 1L), java.util.Map.entry("closed", 1L));
        assertThat(rows.get(2).requests()).isEqualTo(19);
    }

    @Test
    void latencyRunsFromTheIntendedSendTimeSoTheDriversLagIsNotHidden() {
        // Sent 300 ms late, answered 10 ms after it went out: 310 ms from the schedule's point of view.
        HealthJournal j = journal().phase("only", 0).end(1_000)
                .loadRequest(0, 300, 310, 200, CallOutcome.RESPONSE);

        LoadStats s = LoadStats.perPhase(j.events()).get(0);

        assertThat(s.latency().maxNanos() / 1e6).isCloseTo(310, within(0.5));
        assertThat(s.latencyFromSend().maxNanos() / 1e6).isCloseTo(10, within(0.05));
        assertThat(s.lag().maxNanos() / 1e6).isCloseTo(300, within(0.5));
    }

    @Test
    void percentilesCoverFailuresAndTimeoutsAndSuccessesAlsoApart() {
        HealthJournal j = journal().phase("only", 0).end(10_000);
        for (int i = 0; i < 98; i++) {
            j.loadRequest(i * 10L, 0, 10, 200, CallOutcome.RESPONSE);
        }
        j.loadRequest(990, 0, 2_000, 0, CallOutcome.TIMEOUT).loadRequest(995, 0, 900, 503, CallOutcome.RESPONSE);

        LoadStats s = LoadStats.perPhase(j.events()).get(0);

        assertThat(s.latency().p50Nanos() / 1e6).isCloseTo(10, within(0.05));
        assertThat(s.latency().p99Nanos() / 1e6).isCloseTo(900, within(1.0));
        assertThat(s.latency().maxNanos() / 1e6).isCloseTo(2_000, within(2.0));
        assertThat(s.successLatency().maxNanos() / 1e6).isCloseTo(10, within(0.05));
        assertThat(s.successRate()).isEqualTo(0.98);
    }

    @Test
    void aWindowWithoutRequestsHasNoPercentiles() {
        LoadStats s = LoadStats.perPhase(journal().phase("only", 0).end(1_000).events()).get(0);

        assertThat(s.requests()).isZero();
        assertThat(s.successRate()).isNaN();
        assertThat(s.latency().p99Nanos()).isEqualTo(-1);
    }
}
