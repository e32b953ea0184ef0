package dev.faultline.target;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The environment variable the harness puts on every target replica, {@code FAULTLINE_RUN_ID=<run id>-<replica>}.
 *
 * <p>Every process a target starts inherits it, also one that leaves the target's process group or
 * session ({@code setpgid}, {@code setsid}, a double-forked daemon), so scanning {@code /proc/PID/environ}
 * for it finds the processes a signal to the group misses. The run id is a fresh UUID per run, so two
 * runs at once (two CI jobs on one machine) never find each other's processes. Its limit: a process
 * that replaces its environment ({@code env -i}, {@code execve} with an empty one) drops the marker;
 * if it also left the process group and the session, nothing identifies it as the target's.
 */
public final class TargetMarker {
    /** The variable's name. */
    public static final String VARIABLE = "FAULTLINE_RUN_ID";

    private TargetMarker() {
    }

    /** The marker of one replica of a run. */
    public static String of(String runId, int replica) {
        return runId + "-" + replica;
    }

    /** The marker a launch carries, if it carries one. */
    static Optional<String> of(LaunchSpec launch) {
        return Optional.ofNullable(launch.env().get(VARIABLE));
    }

    /** True if this environment (as {@code /proc/PID/environ}: NUL-separated {@code NAME=value}) carries {@code marker}. */
    static boolean carried(byte[] environ, String marker) {
        byte[] entry = (VARIABLE + "=" + marker).getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        while (start < environ.length) {
            int end = start;
            while (end < environ.length && environ[end] != 0) {
                end++;
            }
            if (end - start == entry.length && Arrays.equals(environ, start, end, entry, 0, entry.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
