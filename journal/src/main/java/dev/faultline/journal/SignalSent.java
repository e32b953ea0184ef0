package dev.faultline.journal;

/**
 * The harness sent a signal to a target replica's process tree.
 *
 * @param atNanos run time the signal was sent
 * @param replica the replica signalled
 * @param signal  signal name without the SIG prefix ({@code TERM}, {@code KILL}, ...)
 * @param reason  why: {@code action} (a phase action), {@code stop} (end of run), {@code kill}
 *                (grace expired), {@code abort} (the harness was interrupted)
 */
public record SignalSent(long atNanos, int replica, String signal, String reason) implements Event {
    @Override
    public String type() {
        return "signal-sent";
    }
}
