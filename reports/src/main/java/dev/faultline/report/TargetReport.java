package dev.faultline.report;

import java.util.Objects;

/**
 * One target replica.
 *
 * @param replica         0-based index
 * @param command         the command as run (templates resolved)
 * @param pid             its process id, or -1 if it never started
 * @param port            the port it was given, or 0
 * @param readySeconds    when it passed its readiness check (seconds since run start), or {@code null}
 * @param exitCode        its exit status, or {@code null} if it never exited on its own and was not stopped
 * @param exitSeconds     when it exited, or {@code null}
 * @param exitedBeforeStop true if it ended by itself before the harness stopped it
 * @param killed          true if the harness had to send KILL after the grace period
 * @param stdout          file name of its saved stdout, relative to the report folder
 * @param stderr          file name of its saved stderr, relative to the report folder
 */
public record TargetReport(
        int replica,
        String command,
        long pid,
        int port,
        Double readySeconds,
        Integer exitCode,
        Double exitSeconds,
        boolean exitedBeforeStop,
        boolean killed,
        String stdout,
        String stderr) {

    public TargetReport {
        command = Objects.requireNonNullElse(command, "");
        stdout = Objects.requireNonNullElse(stdout, "");
        stderr = Objects.requireNonNullElse(stderr, "");
    }
}
