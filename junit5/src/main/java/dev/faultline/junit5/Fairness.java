package dev.faultline.junit5;

import dev.faultline.scenario.Expectations.FairnessExpectation;
import dev.faultline.scenario.Rate;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The scenario format's {@code expect.fairness} at a rate-limited upstream, for the checks that apply to
 * one client: {@code fl.expect().fairness("payments").honorRetryAfter().minGoodput(0.8).assertHeld()}.
 * Put a {@link Fault#rateLimit} on the upstream first. The checks that compare several clients
 * ({@code min-jain-index}, {@code max-herd}) are left out: in a test every request comes from the
 * test's own process, which the upstream sees as one client, so they would measure nothing.
 */
public final class Fairness {
    private final FaultlineSession session;
    private final String upstream;
    private List<String> during = List.of();
    private Optional<Boolean> honorRetryAfter = Optional.empty();
    private OptionalDouble maxLimitError = OptionalDouble.empty();
    private OptionalDouble minGoodput = OptionalDouble.empty();

    Fairness(FaultlineSession session, String upstream) {
        this.session = session;
        this.upstream = upstream;
    }

    /** No request comes before the Retry-After (or RateLimit {@code t}) the client was given ({@code honor-retry-after}). */
    public Fairness honorRetryAfter() {
        honorRetryAfter = Optional.of(true);
        return this;
    }

    /**
     * The client gets at least this share (0..1) of what the limit would admit ({@code min-goodput}): a
     * client that backs off so far that it leaves the allowance unused fails it.
     */
    public Fairness minGoodput(double limit) {
        minGoodput = OptionalDouble.of(limit);
        return this;
    }

    /** The admitted rate is within this relative error of the rate-limit fault's limit ({@code max-limit-error}). */
    public Fairness maxLimitError(double limit) {
        maxLimitError = OptionalDouble.of(limit);
        return this;
    }

    /** Judge only these phases or {@code inject} windows (default: every window that rate-limits the upstream). */
    public Fairness during(String... phases) {
        during = List.of(phases);
        return this;
    }

    /** Judges the checks now. */
    public FaultlineVerdict verdict() {
        return session.judge(new FairnessExpectation("fairness", Optional.of(upstream), false, during, OptionalDouble.empty(),
                honorRetryAfter, maxLimitError, Optional.<Rate>empty(), false, minGoodput, OptionalDouble.empty(), Optional.empty()));
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
