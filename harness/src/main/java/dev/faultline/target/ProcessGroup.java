package dev.faultline.target;

import dev.faultline.scenario.Signal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A target's whole process tree, held as a POSIX process group.
 *
 * <p>Each target replica is started under {@code setsid}, so its main process leads a new session and
 * process group, and every child it forks stays in that group even after the main process exits and
 * the children are re-parented. Signalling the group ({@code kill -- -PGID}) therefore reaches the
 * whole tree, and scanning {@code /proc} for members of the group tells whether anything is left.
 * The new session also keeps a terminal's Ctrl-C away from the targets: only the harness decides
 * when they stop. Threadsafe.
 */
public final class ProcessGroup {
    private final long pgid;

    /** The group led by the process with this pid (started under {@code setsid}). */
    public ProcessGroup(long pgid) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to manage process group " + pgid);
        }
        this.pgid = pgid;
    }

    /** The process group id (the leader's pid). */
    public long id() {
        return pgid;
    }

    /**
     * Sends a signal to every process in the group.
     *
     * @return true if at least one process received it
     */
    public boolean signal(Signal signal) {
        KillShell.Result sent = KillShell.signal(signal.name(), pgid);
        if (sent != KillShell.Result.UNAVAILABLE) {
            return sent == KillShell.Result.DELIVERED;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal.name(), "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            // Without kill(1) fall back to what the JDK can reach: the live processes we can see.
            return signalVisibleMembers(signal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signalVisibleMembers(signal);
            return true;
        }
    }

    private boolean signalVisibleMembers(Signal signal) {
        boolean any = false;
        for (long pid : livingMembers()) {
            var handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                any = true;
                if (signal == Signal.KILL) {
                    handle.get().destroyForcibly();
                } else {
                    handle.get().destroy();
                }
            }
        }
        return any;
    }

    /** Pids of the group's processes that are still alive (zombies excluded). */
    public List<Long> livingMembers() {
        List<Long> members = new ArrayList<>();
        try {
            for (ProcStat stat : ProcStat.all()) {
                if (stat.pgrp() == pgid && stat.living()) {
                    members.add(stat.pid());
                }
            }
        } catch (IOException e) {
            // /proc unreadable: report what the JDK sees of the leader and its descendants instead.
            ProcessHandle.of(pgid).ifPresent(h -> {
                if (h.isAlive()) {
                    members.add(h.pid());
                }
                h.descendants().filter(ProcessHandle::isAlive).forEach(d -> members.add(d.pid()));
            });
        }
        return members;
    }

    /** True while any process of the group is alive. */
    public boolean isAlive() {
        return !livingMembers().isEmpty();
    }
}
