package dev.faultline.scenario;

/**
 * When the harness starts the target's replicas relative to the first phase ({@code target.start}).
 *
 * <p>A service must be up before anything is measured against it, so it starts first and the first
 * phase begins once every replica passed its ready check. A command-line client calls at once: started
 * first, its first call would meet the routes without faults (and, with many replicas started one by
 * one, the first replicas' calls would), so it starts once phase 1's faults are in force.
 */
public enum TargetStart {
    /** Start every replica and wait for its ready check; the first phase begins when all are ready. */
    BEFORE_PHASES("before-phases"),
    /** Put phase 1's faults in force, then start the replicas: their first request meets phase 1. */
    WITH_FIRST_PHASE("with-first-phase");

    private final String word;

    TargetStart(String word) {
        this.word = word;
    }

    /** The value as written in a scenario. */
    public String word() {
        return word;
    }

    /**
     * The start when the scenario does not say: before the phases for a target something waits on or
     * connects to (a ready check by http, log or port, or a url or port of its own, which load and
     * probes drive), with the first phase for the rest (ready {@code after} or none, no url, no port):
     * a command-line client.
     */
    public static TargetStart defaultFor(ReadySpec ready, TargetSpec.PortPolicy port, boolean hasUrl) {
        boolean checked = !(ready instanceof ReadySpec.After || ready instanceof ReadySpec.Immediately);
        boolean reachable = hasUrl || !(port instanceof TargetSpec.PortPolicy.None);
        return checked || reachable ? BEFORE_PHASES : WITH_FIRST_PHASE;
    }
}
