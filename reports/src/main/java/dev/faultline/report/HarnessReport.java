package dev.faultline.report;

import java.util.List;

/**
 * How faithfully the harness injected and measured. A run whose harness lagged is inconclusive.
 *
 * @param delayLatenessP50Ms injected-delay lateness (achieved − planned) p50, ms; {@code null} if no delays
 * @param delayLatenessP99Ms the same at p99
 * @param delayedResponses   responses that carried an injected delay
 * @param rulesNeverFired    ids of fault rules that never fired
 * @param notes              anything else the harness wants a reader to know about the run's fidelity
 */
public record HarnessReport(
        Double delayLatenessP50Ms,
        Double delayLatenessP99Ms,
        long delayedResponses,
        List<String> rulesNeverFired,
        List<String> notes) {

    public static final HarnessReport EMPTY = new HarnessReport(null, null, 0, List.of(), List.of());

    public HarnessReport {
        rulesNeverFired = rulesNeverFired == null ? List.of() : List.copyOf(rulesNeverFired);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
