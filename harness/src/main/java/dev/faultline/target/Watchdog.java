package dev.faultline.target;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * A run's marker and the watchdog that kills what carries it when the harness cannot: after a
 * {@code kill -9} of the JVM, an OOM kill or a crash, no Java code runs, and the targets would live on
 * with their ports still listening.
 *
 * <p>The watchdog is a tiny {@code /bin/sh} started under {@code setsid} (so a terminal's Ctrl-C or a
 * kill of the harness's process group leaves it alone) that reads a pipe whose write end only the JVM
 * holds (the JDK closes every other descriptor in the processes it starts, targets included). When
 * the JVM ends, however it ends, the kernel closes that end and the watchdog sees end of input; so
 * does it when the run closes the watchdog at its end. Either way it then KILLs every process whose
 * environment carries this run's {@link TargetMarker} (scanning {@code /proc/PID/environ} again until
 * none is left) and exits. After a normal run the harness has already stopped every target, and the
 * scan finds nothing. Only this run's processes carry its run id, so a concurrent run is never touched.
 * Threadsafe.
 */
public final class Watchdog implements AutoCloseable {
    private static final String SCRIPT = """
            trap '' HUP INT QUIT TERM
            while read -r _; do :; done
            i=0
            while [ "$i" -lt 200 ]; do
              found=$(grep -lzx -e "$1" /proc/[0-9]*/environ 2>/dev/null)
              [ -n "$found" ] || exit 0
              for f in $found; do p=${f#/proc/}; kill -KILL "${p%/environ}" 2>/dev/null; done
              i=$((i + 1))
              sleep 0.05
            done
            """;

    private final String runId;
    private Process process;
    private OutputStream lifeline;
    private boolean closed;

    private Watchdog(String runId) {
        this.runId = runId;
    }

    /** A new run's watchdog, with a fresh run id; nothing is started until the first {@link #marker}. */
    public static Watchdog forNewRun() {
        return new Watchdog(UUID.randomUUID().toString());
    }

    /** The run id in every marker of this run. */
    public String runId() {
        return runId;
    }

    /**
     * The marker for one replica of this run; the first call starts the watchdog, so it runs before any
     * target does. If it cannot be started (no {@code setsid} or {@code /bin/sh}), the run goes on
     * without it: the harness still stops every target itself, unless it is killed.
     */
    public synchronized String marker(int replica) {
        if (process == null && !closed) {
            start();
        }
        return TargetMarker.of(runId, replica);
    }

    /** True while the watchdog process runs. */
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** The watchdog's pid, or -1 if it was never started. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    private void start() {
        // Only digits, hex and dashes: nothing in the pattern is special to grep beyond what is meant.
        String pattern = TargetMarker.VARIABLE + "=" + runId + "-[0-9][0-9]*";
        try {
            process = new ProcessBuilder("setsid", "/bin/sh", "-c", SCRIPT, "faultline-watchdog", pattern)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            lifeline = process.getOutputStream();
        } catch (IOException e) {
            process = null;
            closed = true;
        }
    }

    /**
     * Ends the run's watchdog: it scans once more for this run's marker, kills what it finds (normally
     * nothing: the targets were stopped before) and exits.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (lifeline != null) {
            try {
                lifeline.close();
            } catch (IOException e) {
                // Already closed from the other side: the watchdog is gone.
            }
            lifeline = null;
        }
    }
}
