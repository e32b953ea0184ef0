package dev.faultline.analysis.retry;

import dev.faultline.analysis.WallClock;
import dev.faultline.scenario.CallsBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a retry analysis looks at.
 *
 * @param upstream      the upstream whose attempts are analysed
 * @param during        names of the phases analysed (the fault window)
 * @param callsBy       how attempts are grouped into calls
 * @param baselinePhase the first phase without faults on the upstream, for rate-based amplification
 * @param noRetryOn     statuses that must not be retried (they also keep a {@code by: client} call open)
 * @param faultPhases   every phase that injects faults on the upstream, in timeline order (recovery is
 *                      observed from the end of the fault window until the next of them begins)
 * @param wallClock     the run's wall-clock start, when known, to resolve HTTP-date {@code Retry-After}
 */
public record RetryScope(String upstream, List<String> during, CallsBy callsBy, Optional<String> baselinePhase,
                         Set<Integer> noRetryOn, List<String> faultPhases, Optional<WallClock> wallClock) {
    public RetryScope {
        during = List.copyOf(during);
        noRetryOn = Set.copyOf(noRetryOn);
        faultPhases = List.copyOf(faultPhases);
    }

    /** A scope for amplification alone: the fault phases are the {@code during} phases. */
    public RetryScope(String upstream, List<String> during, CallsBy callsBy, Optional<String> baselinePhase) {
        this(upstream, during, callsBy, baselinePhase, Set.of(), during, Optional.empty());
    }
}
