package dev.faultline.journal;

/**
 * A target replica's process was started.
 *
 * @param atNanos run time of the start
 * @param replica 0-based replica index
 * @param pid     operating-system process id
 * @param port    the port given to it as {@code PORT}, or {@code 0} when none
 */
public record TargetStarted(long atNanos, int replica, long pid, int port) implements Event {
    @Override
    public String type() {
        return "target-started";
    }
}
