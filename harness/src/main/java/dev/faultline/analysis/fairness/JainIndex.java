package dev.faultline.analysis.fairness;

/**
 * Jain's fairness index (Jain, Chiu and Hawe, DEC TR-301, 1984): {@code J = (Σ x)² / (n · Σ x²)},
 * from {@code 1/n} (one client has everything) to 1 (all equal); if k of n clients get an equal
 * amount and the rest nothing, {@code J = k/n}. Applied to normalized throughput, each client's
 * admitted rate divided by its fair share, it measures how far an allocation is from fair. Pure.
 */
public final class JainIndex {
    private JainIndex() {
    }

    /** The index of these values, or NaN when there are none or all are 0 (nothing to compare). */
    public static double of(double[] values) {
        double sum = 0;
        double squares = 0;
        for (double x : values) {
            sum += x;
            squares += x * x;
        }
        if (values.length == 0 || squares == 0) {
            return Double.NaN;
        }
        return sum * sum / (values.length * squares);
    }
}
