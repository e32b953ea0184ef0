package dev.faultline.analysis.drift;

import java.util.Map;

/**
 * Requests that matched a {@code deprecate} rule with a sunset, and those that arrived after it.
 *
 * @param matched      requests the deprecate rules answered
 * @param afterSunset  of those, the ones whose arrival (wall clock) was after the rule's sunset
 * @param endpoints    the late ones by {@code METHOD PATH}
 * @param firstLateAt  run seconds of the first late one, or NaN
 */
record SunsetCalls(long matched, long afterSunset, Map<String, Long> endpoints, double firstLateAt) {
    SunsetCalls {
        endpoints = Map.copyOf(endpoints);
    }
}
