package dev.faultline.journal;

/**
 * The timeline finished (or was cut short); the last phase ends here. Target stops that follow are
 * after this moment.
 *
 * @param atNanos run time the timeline ended
 * @param aborted true when the run was interrupted before its last phase was over
 */
public record RunEnded(long atNanos, boolean aborted) implements Event {
    @Override
    public String type() {
        return "run-ended";
    }
}
