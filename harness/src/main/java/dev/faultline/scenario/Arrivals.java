package dev.faultline.scenario;

/**
 * How an open-loop load spaces its arrivals at a given rate.
 *
 * <p>Constant intervals measure a target's latency with the least noise, but two streams with
 * commensurate rates stay locked in phase: against a limiter that admits one request per slot,
 * which stream wins each slot then depends on sub-millisecond timing rather than on demand. Poisson
 * arrivals (independent, exponentially distributed gaps, seeded) are what many independent users
 * send, and give each stream the chance of winning a slot that its rate earns.
 */
public enum Arrivals {
    /** Every {@code 1/rate}, computed from the stream's start. */
    CONSTANT,
    /** Exponentially distributed gaps with mean {@code 1/rate}, drawn from the run's seed. */
    POISSON
}
