package dev.faultline.analysis.fairness;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether clients stayed away as long as their 429s told them to (metrics L9, R9): every request a
 * client sent after a 429 that named a wait ({@code Retry-After}, or without one the {@code t} of an
 * exhausted {@code RateLimit} policy), and before that wait was over less {@link #TOLERANCE_NANOS},
 * is early.
 *
 * @param refusalsWithWait 429s that named a wait the analysis could place on the run's clock
 * @param followed         requests that came after such a 429 (the first of each client after each)
 * @param early            early requests, in time order
 * @param earlyByClient    early requests per client, every client included
 * @param closest          of the requests that waited long enough, the one with the least to spare
 * @param undated          429s whose Retry-After is an HTTP-date, not judged without the run's wall-clock start
 * @param invalid          429s whose Retry-After is neither delay-seconds nor an HTTP-date
 */
public record ThrottleCompliance(long refusalsWithWait, long followed, List<ThrottleWait> early, Map<String, Long> earlyByClient,
                                 Optional<ThrottleWait> closest, long undated, long invalid) {
    /** Clock tolerance, as for Retry-After on retries (metrics R9). */
    public static final long TOLERANCE_NANOS = 50_000_000L;

    public ThrottleCompliance {
        early = List.copyOf(early);
        earlyByClient = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(earlyByClient));
    }
}
