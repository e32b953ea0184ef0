package dev.faultline.target;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fully resolved command for one replica: templates already substituted.
 *
 * @param replica 0-based replica index
 * @param argv    the command and its arguments ({@code /bin/sh -c SCRIPT} for a string {@code run})
 * @param workdir working directory
 * @param env     variables added to the harness's environment
 * @param port    the port given to it, or 0
 * @param logDir  folder for its {@code target-N.stdout.log} and {@code target-N.stderr.log}
 */
public record LaunchSpec(int replica, List<String> argv, Path workdir, Map<String, String> env, int port, Path logDir) {
    public LaunchSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a target needs a command");
        }
        Objects.requireNonNull(workdir, "workdir");
        env = Map.copyOf(env);
        Objects.requireNonNull(logDir, "logDir");
    }

    /** The command as one line, for reports. */
    public String commandLine() {
        return String.join(" ", argv);
    }

    /** Name of the stdout log file. */
    public String stdoutName() {
        return "target-" + replica + ".stdout.log";
    }

    /** Name of the stderr log file. */
    public String stderrName() {
        return "target-" + replica + ".stderr.log";
    }
}
