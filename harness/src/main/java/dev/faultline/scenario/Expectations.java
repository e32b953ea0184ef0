package dev.faultline.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The checks of a scenario's {@code expect} section. Each kind holds one entry per mapping written
 * (a single mapping, or each element of a list). Every entry carries its {@code id}: the key path of
 * the entry in the file ({@code retries} or {@code retries[1]}); a check's id adds its key
 * ({@code retries[1].max-amplification}).
 */
public record Expectations(
        List<RetryExpectation> retries,
        List<HealthExpectation> health,
        List<ShutdownExpectation> shutdown,
        List<FairnessExpectation> fairness,
        List<LatencyExpectation> latency,
        List<BalanceExpectation> balance,
        List<DriftExpectation> drift) {

    public static final Expectations NONE = new Expectations(List.of(), List.of(), List.of(), List.of(), List.of());

    /** Checks without {@code balance}. */
    public Expectations(List<RetryExpectation> retries, List<HealthExpectation> health, List<ShutdownExpectation> shutdown,
                        List<FairnessExpectation> fairness, List<LatencyExpectation> latency) {
        this(retries, health, shutdown, fairness, latency, List.of());
    }

    /** Checks without {@code drift}. */
    public Expectations(List<RetryExpectation> retries, List<HealthExpectation> health, List<ShutdownExpectation> shutdown,
                        List<FairnessExpectation> fairness, List<LatencyExpectation> latency,
                        List<BalanceExpectation> balance) {
        this(retries, health, shutdown, fairness, latency, balance, List.of());
    }

    public Expectations {
        drift = List.copyOf(drift);
        balance = List.copyOf(balance);
        retries = List.copyOf(retries);
        health = List.copyOf(health);
        shutdown = List.copyOf(shutdown);
        fairness = List.copyOf(fairness);
        latency = List.copyOf(latency);
    }

    /** True when no check is declared. */
    public boolean isEmpty() {
        return retries.isEmpty() && health.isEmpty() && shutdown.isEmpty() && fairness.isEmpty() && latency.isEmpty()
                && balance.isEmpty() && drift.isEmpty();
    }

    /** {@code expect.retries}. An empty {@code during} means every phase that injects faults on the upstream. */
    public record RetryExpectation(
            String id,
            String upstream,
            List<String> during,
            CallsBy callsBy,
            OptionalDouble maxAmplification,
            OptionalInt maxAttemptsPerCall,
            OptionalDouble maxRetryRatio,
            Optional<Boolean> honorRetryAfter,
            Optional<Boolean> requireJitter,
            Set<Integer> noRetryOn,
            OptionalDouble maxSync,
            Optional<Duration> maxRecovery) {
        public RetryExpectation {
            during = List.copyOf(during);
            noRetryOn = Set.copyOf(noRetryOn);
        }
    }

    /** {@code expect.health}. */
    public record HealthExpectation(
            String id,
            Optional<Duration> readinessFailsWithin,
            Optional<Duration> readinessRecoversWithin,
            Optional<Boolean> livenessStaysUp,
            Optional<Duration> maxFalseHealthy,
            Optional<Duration> maxFalseUnhealthy,
            Optional<Duration> maxProbeLatency) {
    }

    /** {@code expect.shutdown}. */
    public record ShutdownExpectation(
            String id,
            Optional<Duration> maxDrain,
            OptionalInt maxFailedInFlight,
            List<Integer> exitCode,
            Optional<Boolean> readinessFailsBeforeExit) {
        public ShutdownExpectation {
            exitCode = List.copyOf(exitCode);
        }
    }

    /**
     * {@code expect.fairness}: either {@code upstream} (replicas at a limiting upstream) or {@code tenants}.
     * An empty {@code during} means every phase that rate-limits the upstream, or with tenants the whole
     * run. {@code limitPerTenant} ({@code by: tenant}) says the target's {@code limit} is each
     * tenant's own rather than one shared by all.
     */
    public record FairnessExpectation(
            String id,
            Optional<String> upstream,
            boolean tenants,
            List<String> during,
            OptionalDouble minJainIndex,
            Optional<Boolean> honorRetryAfter,
            OptionalDouble maxLimitError,
            Optional<Rate> limit,
            boolean limitPerTenant,
            OptionalDouble minGoodput,
            OptionalDouble maxHerd,
            Optional<Boolean> validRateLimitHeaders) {
        public FairnessExpectation {
            during = List.copyOf(during);
        }
    }

    /** {@code expect.latency}: load-driver latency and success over the named phases. */
    public record LatencyExpectation(
            String id,
            List<String> during,
            Optional<Duration> p50,
            Optional<Duration> p90,
            Optional<Duration> p99,
            Optional<Duration> max,
            OptionalDouble minSuccessRate) {
        public LatencyExpectation {
            during = List.copyOf(during);
        }
    }
}
