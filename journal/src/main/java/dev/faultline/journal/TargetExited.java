package dev.faultline.journal;

/**
 * A target replica's main process ended.
 *
 * @param atNanos  run time it was seen to exit
 * @param replica  0-based replica index
 * @param exitCode its exit status ({@code 128 + n} when ended by signal {@code n}, as a shell shows it)
 * @param killed   true when the harness had to send KILL because the grace period ran out
 * @param byHarness true when it exited after the harness signalled it, false when it ended by itself
 */
public record TargetExited(long atNanos, int replica, int exitCode, boolean killed, boolean byHarness)
        implements Event {
    @Override
    public String type() {
        return "target-exited";
    }
}
