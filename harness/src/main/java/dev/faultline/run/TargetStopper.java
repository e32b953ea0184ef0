package dev.faultline.run;

import dev.faultline.scenario.StopSpec;
import dev.faultline.target.TargetReplica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a run's target replicas, all at once: each gets its stop signal, then KILL after the grace.
 * On an abort the grace is capped, and an abort that comes while a stop waits cuts the rest of its
 * grace to the same cap, so Ctrl-C is answered within seconds. A replica whose whole process tree is
 * gone leaves the emergency registry.
 */
final class TargetStopper {
    /** On abort the stop grace is capped at this. */
    static final Duration ABORT_GRACE = Duration.ofSeconds(3);

    private final RunControl control;
    private final ProcessRegistry registry;

    TargetStopper(RunControl control, ProcessRegistry registry) {
        this.control = control;
        this.registry = registry;
    }

    /** Stops every replica with {@code stop} and returns when all of them are gone. */
    void stopAll(List<TargetReplica> replicas, StopSpec stop, boolean aborted) {
        StopSpec effective = aborted && stop.grace().compareTo(ABORT_GRACE) > 0 ? new StopSpec(stop.signal(), ABORT_GRACE) : stop;
        String reason = aborted ? "abort" : "stop";
        List<Thread> stoppers = new ArrayList<>();
        for (TargetReplica replica : replicas) {
            // Replicas stop in parallel, so N slow replicas take one grace period, not N.
            Thread t = new Thread(() -> stopOne(replica, effective, reason), "stop-target-" + replica.replica());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            joinUninterruptibly(t);
        }
    }

    private void stopOne(TargetReplica replica, StopSpec stop, String reason) {
        try {
            replica.stop(stop, reason, control::isAborted, ABORT_GRACE);
        } catch (InterruptedException e) {
            replica.killNow();
        } finally {
            if (!replica.treeAlive()) {
                registry.remove(replica);
            }
        }
    }

    /** The harness's own interrupt must not leave a replica half-stopped: wait, and pass the interrupt on. */
    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
