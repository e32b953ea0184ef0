package dev.faultline.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to carry out one scenario run.
 *
 * @param reportDir   the folder the reports go to
 * @param seed        overrides the scenario's seed ({@code --seed})
 * @param control     lets Ctrl-C or a test abort the run
 * @param registry    where started target processes are tracked for emergency kills
 * @param progress    where progress lines go (stderr for the CLI)
 * @param displayFile the scenario file as the user named it, for messages
 * @param env         the environment {@code ${env.VAR}} in proxy upstreams' urls is read from
 */
public record RunOptions(Path reportDir, Optional<Long> seed, RunControl control, ProcessRegistry registry,
                         PrintWriter progress, String displayFile, java.util.Map<String, String> env) {
    /** Options reading the process's own environment. */
    public RunOptions(Path reportDir, Optional<Long> seed, RunControl control, ProcessRegistry registry,
                      PrintWriter progress, String displayFile) {
        this(reportDir, seed, control, registry, progress, displayFile, System.getenv());
    }

    public RunOptions {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(displayFile, "displayFile");
    }
}
