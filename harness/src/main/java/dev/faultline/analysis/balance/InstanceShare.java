package dev.faultline.analysis.balance;

/**
 * One instance's part of the counted requests that reached healthy instances.
 *
 * @param instance the instance (0-based)
 * @param requests counted requests it answered while healthy
 * @param expected requests its weight's share of the same phases would have given it
 */
record InstanceShare(int instance, long requests, double expected) {
    double share(long total) {
        return total == 0 ? 0 : (double) requests / total;
    }

    double expectedShare(long total) {
        return total == 0 ? 0 : expected / total;
    }
}
