package dev.faultline.run;

import dev.faultline.target.TargetReplica;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every target replica the harness has started and not yet seen gone, so the emergency paths (a
 * second Ctrl-C, the JVM shutting down for any reason) can kill them without the run's cooperation.
 * Threadsafe.
 */
public final class ProcessRegistry {
    private final Set<TargetReplica> live = ConcurrentHashMap.newKeySet();

    /** Tracks a started replica. */
    public void add(TargetReplica replica) {
        live.add(replica);
    }

    /** Stops tracking a replica whose tree is gone. */
    public void remove(TargetReplica replica) {
        live.remove(replica);
    }

    /** KILLs every tracked process tree at once, without waiting. */
    public void killAll() {
        for (TargetReplica replica : live) {
            replica.killNow();
        }
    }

    /** How many replicas are tracked. */
    public int size() {
        return live.size();
    }
}
