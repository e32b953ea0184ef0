package dev.faultline.junit5;

import dev.faultline.scenario.Expectations.LatencyExpectation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The scenario format's {@code expect.latency}, judged on the calls the test timed with
 * {@link Faultline#call}: {@code fl.expect().latency().p99(Duration.ofSeconds(2)).minSuccessRate(0.9).assertHeld()}.
 * In a scenario run the harness's load is the client; in a test the test is, so only the calls it
 * wrapped in {@code fl.call} are measured: each call's whole duration (its retries and waits included),
 * a success when it returned and a failure when it threw. The window is the whole test unless
 * {@link #during} names phases or {@code inject} windows.
 */
public final class Latency {
    private final FaultlineSession session;
    private List<String> during = List.of();
    private Optional<Duration> p50 = Optional.empty();
    private Optional<Duration> p90 = Optional.empty();
    private Optional<Duration> p99 = Optional.empty();
    private Optional<Duration> max = Optional.empty();
    private OptionalDouble minSuccessRate = OptionalDouble.empty();

    Latency(FaultlineSession session) {
        this.session = session;
    }

    /** The median call takes at most this long ({@code p50}). */
    public Latency p50(Duration limit) {
        p50 = Optional.of(limit);
        return this;
    }

    /** 90 % of calls take at most this long ({@code p90}). */
    public Latency p90(Duration limit) {
        p90 = Optional.of(limit);
        return this;
    }

    /** 99 % of calls take at most this long ({@code p99}). */
    public Latency p99(Duration limit) {
        p99 = Optional.of(limit);
        return this;
    }

    /** No call takes longer than this ({@code max}). */
    public Latency max(Duration limit) {
        max = Optional.of(limit);
        return this;
    }

    /** At least this share (0..1) of calls return rather than throw ({@code min-success-rate}). */
    public Latency minSuccessRate(double limit) {
        minSuccessRate = OptionalDouble.of(limit);
        return this;
    }

    /** Judge only the calls made in these phases or {@code inject} windows. */
    public Latency during(String... phases) {
        during = List.of(phases);
        return this;
    }

    /** Judges the checks now. A window without timed calls is inconclusive, never held. */
    public FaultlineVerdict verdict() {
        return session.judge(new LatencyExpectation("latency", during, p50, p90, p99, max, minSuccessRate));
    }

    /**
     * Judges the checks now and throws unless every one held.
     *
     * @throws AssertionError naming each failed or inconclusive check with the command line's explanation
     */
    public void assertHeld() {
        verdict().assertHeld();
    }
}
