package dev.faultline.analysis.retry;

import dev.faultline.analysis.JournalFixture;
import dev.faultline.scenario.CallsBy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.faultline.analysis.JournalFixture.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AmplificationAnalyzerTest {

    private static RetryScope scope(CallsBy callsBy) {
        return new RetryScope("payments", List.of("outage"), callsBy, Optional.of("steady"));
    }

    @Test
    void attemptsSharingARequestIdAreOneCallAndTheRestAreRetries() {
        var events = journal().phase("steady", 0).phase("outage", 10_000).phase("recovery", 20_000).end(30_000)
                .faulted("payments", 10_100, 0, "a", 503).faulted("payments", 10_200, 0, "a", 503).served("payments", 10_300, 0, "a", 200)
                .faulted("payments", 11_000, 0, "b", 503).served("payments", 12_000, 0, "b", 200)
                .events();

        AmplificationMeasurement m = AmplificationAnalyzer.measure(events, scope(new CallsBy.Auto()));

        AmplificationMeasurement.CallStats calls = m.calls().orElseThrow();
        assertThat(calls.basis()).isEqualTo("X-Request-Id");
        assertThat(calls.calls()).isEqualTo(2);
        assertThat(calls.attempts()).isEqualTo(5);
        assertThat(calls.amplification()).isEqualTo(2.5);
        assertThat(calls.maxAttemptsPerCall()).isEqualTo(3);
        assertThat(calls.worstCallKey()).isEqualTo("a");
        assertThat(calls.retryRatio()).isEqualTo(1.5);
        assertThat(m.faultedInWindow()).isEqualTo(3);
    }

    @Test
    void aCallThatStartedInTheWindowKeepsItsRetriesThatSpillPastIt() {
        var events = journal().phase("outage", 0).phase("recovery", 1_000).end(5_000)
                .faulted("payments", 900, 0, "a", 503).served("payments", 1_500, 0, "a", 200)
                .served("payments", 2_000, 0, "late", 200)
                .events();

        AmplificationMeasurement.CallStats calls = AmplificationAnalyzer.measure(events,
                new RetryScope("payments", List.of("outage"), new CallsBy.Auto(), Optional.empty())).calls().orElseThrow();

        assertThat(calls.calls()).isEqualTo(1);
        assertThat(calls.attempts()).isEqualTo(2);
    }

    @Test
    void aCallThatBeganJustBeforeTheFaultAndRetriedIntoItIsPartOfTheStorm() {
        var events = journal().phase("steady", 0).phase("outage", 1_000).end(5_000)
                .served("payments", 500, 0, "done-before", 200)
                .faulted("payments", 999, 0, "straddles", 503).faulted("payments", 1_001, 0, "straddles", 503)
                .faulted("payments", 1_002, 0, "straddles", 503)
                .events();

        AmplificationMeasurement.CallStats calls = AmplificationAnalyzer.measure(events,
                new RetryScope("payments", List.of("outage"), new CallsBy.Auto(), Optional.empty())).calls().orElseThrow();

        assertThat(calls.calls()).isEqualTo(1);
        assertThat(calls.attempts()).as("all its attempts, the early one too").isEqualTo(3);
        assertThat(calls.worstCallKey()).isEqualTo("straddles");
    }

    @Test
    void byClientAnAttemptAfterAFailureIsARetryAndAfterASuccessIsANewCall() {
        var events = journal().phase("outage", 0).end(10_000)
                .faulted("payments", 100, 0, null, 503).faulted("payments", 1_100, 0, null, 503).served("payments", 3_100, 0, null, 200)
                .served("payments", 3_200, 0, null, 200)
                .faulted("payments", 150, 1, null, 503).served("payments", 1_150, 1, null, 200)
                .events();

        AmplificationMeasurement.CallStats calls = AmplificationAnalyzer.measure(events,
                new RetryScope("payments", List.of("outage"), new CallsBy.Client(), Optional.empty())).calls().orElseThrow();

        assertThat(calls.calls()).isEqualTo(3);
        assertThat(calls.attempts()).isEqualTo(6);
        assertThat(calls.maxAttemptsPerCall()).isEqualTo(3);
        assertThat(calls.worstCallKey()).isEqualTo("client 0 #1");
    }

    @Test
    void withoutCallIdsAmplificationIsTheAttemptRateAgainstTheFaultFreeBaseline() {
        JournalFixture j = journal().phase("steady", 0).phase("outage", 10_000).end(20_000);
        for (int i = 0; i < 50; i++) {
            j.served("payments", 100 + i * 200L, 0, null, 200);
        }
        for (int i = 0; i < 200; i++) {
            j.faulted("payments", 10_000 + i * 50L, 0, null, 503);
        }

        AmplificationMeasurement m = AmplificationAnalyzer.measure(j.events(), scope(new CallsBy.Auto()));

        assertThat(m.calls()).isEmpty();
        assertThat(m.noCallIdsReason()).contains("no X-Request-Id, traceparent or Idempotency-Key");
        AmplificationMeasurement.RateStats rate = m.rate().orElseThrow();
        assertThat(rate.baselinePerSecond()).isCloseTo(5.0, within(1e-9));
        assertThat(rate.windowPerSecond()).isCloseTo(20.0, within(1e-9));
        assertThat(rate.amplification()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void retriesThatKeepTheTraceIdButChangeTheSpanAreOneCall() {
        var events = journal().phase("outage", 0).end(5_000)
                .traced("payments", 100, "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 503, true)
                .traced("payments", 300, "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b8", 200, false)
                .events();

        AmplificationMeasurement.CallStats calls = AmplificationAnalyzer.measure(events,
                new RetryScope("payments", List.of("outage"), new CallsBy.Auto(), Optional.empty())).calls().orElseThrow();

        assertThat(calls.basis()).isEqualTo("traceparent");
        assertThat(calls.calls()).isEqualTo(1);
        assertThat(calls.attempts()).isEqualTo(2);
    }

    @Test
    void otherUpstreamsAttemptsAreNotCounted() {
        var events = journal().phase("outage", 0).end(5_000)
                .faulted("payments", 100, 0, "a", 503)
                .faulted("inventory", 200, 0, "a", 503)
                .events();

        AmplificationMeasurement m = AmplificationAnalyzer.measure(events,
                new RetryScope("payments", List.of("outage"), new CallsBy.Auto(), Optional.empty()));

        assertThat(m.attemptsInWindow()).isEqualTo(1);
        assertThat(m.calls().orElseThrow().attempts()).isEqualTo(1);
    }
}
