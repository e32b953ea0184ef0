package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.report.Series;

import java.util.ArrayList;
import java.util.List;

/**
 * Chart series of a pool: each instance's share of the requests that reached the pool, bin by bin,
 * stacked so the shares add up to 1. Bins without a request are gaps (NaN), not zeros. Pure.
 */
final class ShareSeries {
    static final String UNIT = "share";

    private ShareSeries() {
    }

    static List<Series> of(String upstream, int instances, List<Event> events, int bins, double binSeconds) {
        double[][] counts = new double[instances][bins];
        double[] total = new double[bins];
        for (Event e : events) {
            if (e instanceof UpstreamRequest r && r.upstream().equals(upstream) && r.instance() < instances) {
                int bin = (int) Math.min(bins - 1, r.atNanos() / 1e9 / binSeconds);
                counts[r.instance()][bin]++;
                total[bin]++;
            }
        }
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            List<Double> shares = new ArrayList<>(bins);
            for (int b = 0; b < bins; b++) {
                shares.add(total[b] == 0 ? Double.NaN : counts[i][b] / total[b]);
            }
            series.add(new Series(upstream + " #" + i + ": share of requests", UNIT, upstream + ": shares by instance",
                    binSeconds, shares, true, List.of()));
        }
        return series;
    }
}
