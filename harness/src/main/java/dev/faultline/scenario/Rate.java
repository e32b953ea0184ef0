package dev.faultline.scenario;

/**
 * A rate of events, written {@code 100/s} or {@code 600/m} in scenario files.
 *
 * @param perSecond events per second, > 0
 */
public record Rate(double perSecond) {
    public Rate {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate must be > 0 per second but was " + perSecond);
        }
    }

    /** Nanoseconds between events at this rate. */
    public double intervalNanos() {
        return 1e9 / perSecond;
    }

    @Override
    public String toString() {
        return (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond)) + "/s";
    }
}
