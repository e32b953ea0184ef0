package dev.faultline.cli;

import dev.faultline.run.ProcessRegistry;
import dev.faultline.run.RunControl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What commands need from the process they run in: the environment, the working directory, whether
 * stdout is a terminal, and the hooks through which Ctrl-C reaches the current run. Tests build one
 * with their own values.
 */
public final class HarnessContext {
    private final Map<String, String> env;
    private final Path workingDir;
    private final boolean terminal;
    private final ProcessRegistry registry = new ProcessRegistry();
    private final AtomicReference<RunControl> current = new AtomicReference<>();

    public HarnessContext(Map<String, String> env, Path workingDir, boolean terminal) {
        this.env = Map.copyOf(env);
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
        this.terminal = terminal;
    }

    /** The real process's context. */
    public static HarnessContext system() {
        return new HarnessContext(System.getenv(), Path.of("").toAbsolutePath(), System.console() != null);
    }

    public Map<String, String> env() {
        return env;
    }

    public Path workingDir() {
        return workingDir;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Every target process started by this harness, for emergency kills. */
    public ProcessRegistry registry() {
        return registry;
    }

    /** Starts a new run's control and makes it the one Ctrl-C aborts. */
    public RunControl newRun() {
        RunControl control = new RunControl();
        current.set(control);
        return control;
    }

    /** Aborts the current run, if any. Returns false when there was none. */
    public boolean abortCurrent(String why) {
        RunControl control = current.get();
        if (control == null) {
            return false;
        }
        control.abort(why);
        return true;
    }
}
