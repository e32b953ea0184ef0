package dev.faultline.analysis.fairness;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Max-min fair shares of one bottleneck, by water-filling (Bertsekas and Gallager, <i>Data
 * Networks</i>; Radunović and Le Boudec): the capacity is split equally, a client whose demand is
 * below its equal split gets exactly its demand, and what it leaves is split equally among the rest,
 * until every client has its demand or the capacity is spent. No share can then be raised without
 * lowering one that is no larger. Pure.
 */
public final class WaterFilling {
    private WaterFilling() {
    }

    /**
     * The max-min fair shares of {@code capacity} for these demands, in the same order. Negative
     * demands count as 0; a capacity above the total demand leaves the excess unallocated.
     */
    public static double[] shares(double[] demands, double capacity) {
        int n = demands.length;
        double[] shares = new double[n];
        Integer[] byDemand = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byDemand, Comparator.comparingDouble(i -> demands[i]));
        double left = Math.max(0, capacity);
        for (int k = 0; k < n; k++) {
            int i = byDemand[k];
            double equal = left / (n - k);
            double demand = Math.max(0, demands[i]);
            if (demand <= equal) {
                shares[i] = demand;
                left -= demand;
            } else {
                for (int rest = k; rest < n; rest++) {
                    shares[byDemand[rest]] = equal;
                }
                break;
            }
        }
        return shares;
    }
}
