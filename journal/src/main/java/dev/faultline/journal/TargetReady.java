package dev.faultline.journal;

/**
 * A target replica passed its readiness check.
 *
 * @param atNanos run time it became ready
 * @param replica 0-based replica index
 * @param check   which check passed ({@code after}, {@code port}, {@code log}, {@code http}, {@code none})
 */
public record TargetReady(long atNanos, int replica, String check) implements Event {
    @Override
    public String type() {
        return "target-ready";
    }
}
