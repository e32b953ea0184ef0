package dev.faultline.analysis.fairness;

import dev.faultline.analysis.Bursts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Measures the {@link HerdMeasurement}: the clients' returns after their 429s, in 100 ms bins. Pure. */
public final class HerdAnalyzer {
    private HerdAnalyzer() {
    }

    /** @return empty when no client came back after a 429 */
    public static Optional<HerdMeasurement> measure(Map<String, List<FairnessSample>> samples) {
        List<Long> returns = new ArrayList<>();
        long clients = 0;
        for (List<FairnessSample> client : samples.values()) {
            List<Long> refusalEnds = new ArrayList<>();
            for (FairnessSample s : client) {
                if (s.refused()) {
                    refusalEnds.add(s.endNanos());
                }
            }
            refusalEnds.sort(null);
            int before = returns.size();
            int next = 0;
            long pending = -1;
            for (FairnessSample s : client) {
                while (next < refusalEnds.size() && refusalEnds.get(next) <= s.atNanos()) {
                    pending = refusalEnds.get(next++);
                }
                if (pending >= 0) {
                    returns.add(s.atNanos());
                    pending = -1;
                }
            }
            clients += returns.size() > before ? 1 : 0;
        }
        if (returns.isEmpty()) {
            return Optional.empty();
        }
        long[] sorted = returns.stream().mapToLong(Long::longValue).sorted().toArray();
        long span = sorted[sorted.length - 1] - sorted[0];
        long bins = span / Bursts.BIN_NANOS + 1;
        long[] peak = Bursts.peak(sorted);
        return Optional.of(new HerdMeasurement(sorted.length, clients, span / 1e9, bins, peak[0], peak[1]));
    }
}
