package dev.faultline.upstream;

import java.util.Map;

/**
 * Counters a fake upstream keeps for the whole run; unlike the journal they are never capped.
 *
 * @param requests  requests received
 * @param byStatus  requests by status sent; key 0 means no status line was sent
 * @param byEffect  requests by effect applied ({@code route}, {@code not-found}, {@code respond}, ...)
 * @param ruleFires fault-rule id to how many requests it decided, for every rule ever installed
 *                  (0 for rules that never fired), in installation order
 */
public record UpstreamStats(long requests, Map<Integer, Long> byStatus, Map<String, Long> byEffect, Map<String, Long> ruleFires) {
}
