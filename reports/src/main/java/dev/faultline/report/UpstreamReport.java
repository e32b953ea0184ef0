package dev.faultline.report;

import java.util.List;
import java.util.Map;

/**
 * What one fake upstream received and sent over the whole run.
 *
 * @param name     its name in the scenario
 * @param ports    the ports it listened on, one per target replica
 * @param requests requests received (counted even past the journal's cap)
 * @param byStatus requests by status sent ({@code "503"}, or {@code "none"} when no status line was sent)
 * @param byEffect requests by effect applied ({@code route}, {@code respond}, {@code delay}, ...)
 * @param rules    every fault rule on this upstream with how often it fired
 */
public record UpstreamReport(
        String name,
        List<Integer> ports,
        long requests,
        Map<String, Long> byStatus,
        Map<String, Long> byEffect,
        List<RuleReport> rules) {

    public UpstreamReport {
        ports = ports == null ? List.of() : List.copyOf(ports);
        byStatus = byStatus == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byStatus));
        byEffect = byEffect == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byEffect));
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * One fault rule and how often it fired.
     *
     * @param id     {@code PHASE/UPSTREAM[INDEX]}
     * @param effect its effect ({@code respond}, {@code delay}, {@code drop}, ...)
     * @param fired  how many requests it decided; 0 means it never fired, which the report lists
     */
    public record RuleReport(String id, String effect, long fired) {
    }
}
