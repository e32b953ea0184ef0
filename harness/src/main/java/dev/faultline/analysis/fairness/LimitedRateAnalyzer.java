package dev.faultline.analysis.fairness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Measures {@link LimitedRate}s: what a limit let each key through while it held it back. Pure. */
public final class LimitedRateAnalyzer {
    /** Spans shorter than this in total are too short to measure a rate from. */
    public static final double MIN_SPAN_SECONDS = 1.0;

    private LimitedRateAnalyzer() {
    }

    /**
     * @param samples        every client's requests, each in arrival order
     * @param keyOf          the limit's key a request counts against ({@code all} for a shared limit),
     *                       or null when it is not judged
     * @param limitPerSecond the limit's rate in each window (by window index); 0 or NaN: not judged there
     * @return one entry per key that was refused at least once, in the order keys were first met
     */
    public static List<LimitedRate> measure(Collection<List<FairnessSample>> samples, Function<FairnessSample, String> keyOf,
                                            double[] limitPerSecond) {
        Map<String, Map<Integer, List<FairnessSample>>> byKey = new LinkedHashMap<>();
        for (List<FairnessSample> client : samples) {
            for (FairnessSample s : client) {
                String key = keyOf.apply(s);
                if (key != null && s.window() < limitPerSecond.length && limitPerSecond[s.window()] > 0) {
                    byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(s.window(), w -> new ArrayList<>()).add(s);
                }
            }
        }
        List<LimitedRate> rates = new ArrayList<>();
        byKey.forEach((key, windows) -> {
            long refusals = 0;
            long admitted = 0;
            double span = 0;
            double allowed = 0;
            for (Map.Entry<Integer, List<FairnessSample>> window : windows.entrySet()) {
                List<FairnessSample> in = window.getValue();
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                for (FairnessSample s : in) {
                    if (s.refused()) {
                        refusals++;
                        first = Math.min(first, s.atNanos());
                        last = Math.max(last, s.atNanos());
                    }
                }
                if (last <= first) {
                    continue;
                }
                for (FairnessSample s : in) {
                    if (s.served() && s.atNanos() > first && s.atNanos() < last) {
                        admitted++;
                    }
                }
                double seconds = (last - first) / 1e9;
                span += seconds;
                allowed += seconds * limitPerSecond[window.getKey()];
            }
            if (refusals > 0) {
                rates.add(new LimitedRate(key, refusals, admitted, span, allowed));
            }
        });
        return rates;
    }
}
