package dev.faultline.junit5;

import dev.faultline.scenario.CallsBy;
import dev.faultline.scenario.Expectations.RetryExpectation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scenario format's {@code expect.retries} for one upstream, built in code and judged by the same
 * judge as {@code faultline run}: {@code fl.expect().retries("payments").maxAmplification(2).assertHeld()}.
 *
 * <p>The window judged is every window in which faults were in force on the upstream (through
 * {@link Faultline#inject} or a phase), unless {@link #during} names phases. Attempts are grouped into
 * calls as the format's default {@code by: auto} does: by the first of X-Request-Id, traceparent and
 * Idempotency-Key that at least half the attempts carry, so the client should send one id on every
 * attempt of a call. Without ids, {@link #callsByClient} groups a client's attempts after a failed one
 * into the same call (right for a client making one call at a time whose calls end in success).
 */
public final class Retries {
    private final FaultlineSession session;
    private final String upstream;
    private List<String> during = List.of();
    private CallsBy callsBy = new CallsBy.Auto();
    private OptionalDouble maxAmplification = OptionalDouble.empty();
    private OptionalInt maxAttemptsPerCall = OptionalInt.empty();
    private OptionalDouble maxRetryRatio = OptionalDouble.empty();
    private Optional<Boolean> honorRetryAfter = Optional.empty();
    private Optional<Boolean> requireJitter = Optional.empty();
    private Set<Integer> noRetryOn = Set.of();
    private OptionalDouble maxSync = OptionalDouble.empty();
    private Optional<Duration> maxRecovery = Optional.empty();

    Retries(FaultlineSession session, String upstream) {
        this.session = session;
        this.upstream = upstream;
    }

    /** At most this many attempts per call, on average, while faults were in force ({@code max-amplification}). */
    public Retries maxAmplification(double limit) {
        maxAmplification = OptionalDouble.of(limit);
        return this;
    }

    /** No call makes more than this many attempts ({@code max-attempts-per-call}). */
    public Retries maxAttemptsPerCall(int limit) {
        maxAttemptsPerCall = OptionalInt.of(limit);
        return this;
    }

    /** At most this share of attempts are retries ({@code max-retry-ratio}). */
    public Retries maxRetryRatio(double limit) {
        maxRetryRatio = OptionalDouble.of(limit);
        return this;
    }

    /** Retries after a response with Retry-After wait at least as long as asked ({@code honor-retry-after}). */
    public Retries honorRetryAfter() {
        honorRetryAfter = Optional.of(true);
        return this;
    }

    /**
     * The waits between retries are randomized ({@code require-jitter}). Judging it needs several calls
     * failing together (see docs/scenario-format.md); with too few the check is inconclusive, not passed.
     */
    public Retries requireJitter() {
        requireJitter = Optional.of(true);
        return this;
    }

    /** Responses with these statuses are not retried ({@code no-retry-on}). */
    public Retries noRetryOn(int... statuses) {
        noRetryOn = Arrays.stream(statuses).boxed().collect(Collectors.toUnmodifiableSet());
        return this;
    }

    /** Retries across calls are not bunched more than this peak-to-mean ({@code max-sync}). */
    public Retries maxSync(double limit) {
        maxSync = OptionalDouble.of(limit);
        return this;
    }

    /** The attempt rate is back to normal within this long after the faults are lifted ({@code max-recovery}). */
    public Retries maxRecovery(Duration limit) {
        maxRecovery = Optional.of(limit);
        return this;
    }

    /** Judge only these phases (names of the scenario's phases, or of {@link Faultline#inject} windows). */
    public Retries during(String... phases) {
        during = List.of(phases);
        return this;
    }

    /** Group attempts into calls by this request header (X-Request-Id, traceparent or Idempotency-Key). */
    public Retries callsByHeader(String name) {
        callsBy = new CallsBy.Header(name);
        return this;
    }

    /** Group attempts into calls by client: an attempt after a failed one continues the same call ({@code by: client}). */
    public Retries callsByClient() {
        callsBy = new CallsBy.Client();
        return this;
    }

    /** Judges the checks now, against what the upstreams recorded since the last reset. */
    public FaultlineVerdict verdict() {
        RetryExpectation e = new RetryExpectation("retries", upstream, during, callsBy, maxAmplification, maxAttemptsPerCall,
                maxRetryRatio, honorRetryAfter, requireJitter, noRetryOn, maxSync, maxRecovery);
        return session.judge(e);
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
