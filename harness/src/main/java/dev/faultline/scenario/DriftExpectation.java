package dev.faultline.scenario;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code expect.drift}: does the target survive its upstream's contract changing under it?
 *
 * @param id                  {@code drift} or {@code drift[N]}
 * @param upstream            the upstream whose {@code drift} and {@code deprecate} rules count
 * @param during              the drift phases; empty for every phase with a drift or deprecate rule on the upstream
 * @param baseline            the phase the drift phases are compared with; empty for the first phase
 *                            without any fault on the upstream
 * @param maxSuccessDrop      largest allowed fall of the load's success rate (a fraction, 0..1) from the
 *                            baseline to the drift phases
 * @param maxCallsAfterSunset most requests matching a deprecate rule that may arrive after its sunset
 */
public record DriftExpectation(
        String id,
        String upstream,
        List<String> during,
        Optional<String> baseline,
        OptionalDouble maxSuccessDrop,
        OptionalInt maxCallsAfterSunset) {
    public DriftExpectation {
        during = List.copyOf(during);
    }
}
