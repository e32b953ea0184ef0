package dev.faultline.analysis.fairness;

/**
 * A request that followed a 429 which named a wait: how long after the 429 it came, against the wait asked.
 *
 * @param client      who sent it
 * @param atNanos     when it arrived
 * @param waitedNanos from the end of the 429 to its arrival
 * @param askedNanos  the wait the 429 named
 * @param told        how the 429 said it: {@code Retry-After: 1}, or {@code RateLimit t=1}
 */
public record ThrottleWait(String client, long atNanos, long waitedNanos, long askedNanos, String told) {
}
