package dev.faultline.analysis.drift;

import java.util.Map;

/**
 * The load's success in one phase, with what the upstream did there.
 *
 * @param phase     the phase's name
 * @param requests  load requests placed in it (see {@link PhaseAttribution})
 * @param succeeded those answered 2xx/3xx
 * @param late      those the driver sent more than 100 ms late (kept in the counts; see the judge)
 * @param blame     for the failed requests: what each met at the upstream (label to count), when the
 *                  target forwards the load's request id; else empty
 * @param faults    what the upstream's requests in the phase met (label to count)
 */
record PhaseSuccess(String phase, long requests, long succeeded, long late, Map<String, Long> blame,
                    Map<String, Long> faults) {
    PhaseSuccess {
        blame = Map.copyOf(blame);
        faults = Map.copyOf(faults);
    }

    double rate() {
        return requests == 0 ? Double.NaN : (double) succeeded / requests;
    }
}
