package dev.faultline.run;

import dev.faultline.upstream.FakeUpstream;
import dev.faultline.upstream.UpstreamStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One report entry per upstream, a pool's instances added together: the report and the never-fired
 * notes speak of upstreams as the scenario names them, and a rule on one instance fired if it fired
 * there. Which instance answered what is in the journal.
 */
final class PoolStats {
    private PoolStats() {
    }

    /** The facts of every upstream, in start order; a pool's ports are its instances' in instance order. */
    static List<FinishedRun.UpstreamFacts> facts(List<FakeUpstream> instances) {
        Map<String, List<FakeUpstream>> byName = new LinkedHashMap<>();
        for (FakeUpstream u : instances) {
            byName.computeIfAbsent(u.name(), n -> new ArrayList<>()).add(u);
        }
        List<FinishedRun.UpstreamFacts> facts = new ArrayList<>();
        byName.forEach((name, pool) -> {
            List<Integer> ports = new ArrayList<>();
            List<UpstreamStats> stats = new ArrayList<>();
            for (FakeUpstream u : pool) {
                ports.addAll(u.ports());
                stats.add(u.stats());
            }
            facts.add(new FinishedRun.UpstreamFacts(name, List.copyOf(ports), sum(stats)));
        });
        return facts;
    }

    static UpstreamStats sum(List<UpstreamStats> all) {
        if (all.size() == 1) {
            return all.get(0);
        }
        long requests = 0;
        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        Map<String, Long> byEffect = new LinkedHashMap<>();
        Map<String, Long> ruleFires = new LinkedHashMap<>();
        for (UpstreamStats s : all) {
            requests += s.requests();
            s.byStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum));
            s.byEffect().forEach((k, v) -> byEffect.merge(k, v, Long::sum));
            s.ruleFires().forEach((k, v) -> ruleFires.merge(k, v, Long::sum));
        }
        return new UpstreamStats(requests, byStatus, byEffect, ruleFires);
    }
}
