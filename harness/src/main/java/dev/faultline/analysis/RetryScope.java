package dev.faultline.analysis;

import dev.faultline.scenario.CallsBy;

import java.util.List;
import java.util.Optional;

/**
 * What a retry analysis looks at.
 *
 * @param upstream      the upstream whose attempts are analysed
 * @param during        names of the phases analysed (the fault window)
 * @param callsBy       how attempts are grouped into calls
 * @param baselinePhase the first phase without faults on the upstream, for rate-based amplification
 */
public record RetryScope(String upstream, List<String> during, CallsBy callsBy, Optional<String> baselinePhase) {
    public RetryScope {
        during = List.copyOf(during);
    }
}
