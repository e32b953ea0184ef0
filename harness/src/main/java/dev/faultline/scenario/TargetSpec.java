package dev.faultline.scenario;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The system under test.
 *
 * @param command  how to start it, or empty when {@code url} names a system already running
 * @param workdir  working directory (absolute; inside the scenario folder)
 * @param env      extra environment variables, values templated
 * @param port     the port policy
 * @param url      where the harness reaches it, templated; empty when it is a client only
 * @param replicas how many copies to start, at least 1
 * @param ready    when a replica counts as started
 * @param stop     how a replica is stopped at the end of the run
 * @param start    when the replicas start relative to the first phase
 * @param insecure when its url is https: the harness's own load and probes accept any certificate
 *                 (a target with a certificate of its own); the target's clients are not affected
 */
public record TargetSpec(
        Optional<Command> command,
        Path workdir,
        Map<String, Template> env,
        PortPolicy port,
        Optional<Template> url,
        int replicas,
        ReadySpec ready,
        StopSpec stop,
        TargetStart start,
        boolean insecure) {

    public TargetSpec {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(workdir, "workdir");
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(url, "url");
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be >= 1 but was " + replicas);
        }
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(start, "start");
    }

    /** A target whose certificate the harness verifies (when its url is https). */
    public TargetSpec(Optional<Command> command, Path workdir, Map<String, Template> env, PortPolicy port,
                      Optional<Template> url, int replicas, ReadySpec ready, StopSpec stop, TargetStart start) {
        this(command, workdir, env, port, url, replicas, ready, stop, start, false);
    }

    /** A target that starts when {@link TargetStart#defaultFor its ready check and reachability} say. */
    public TargetSpec(Optional<Command> command, Path workdir, Map<String, Template> env, PortPolicy port,
                      Optional<Template> url, int replicas, ReadySpec ready, StopSpec stop) {
        this(command, workdir, env, port, url, replicas, ready, stop, TargetStart.defaultFor(ready, port, url.isPresent()));
    }

    /** True when the replicas start once phase 1's faults are in force, not before the phases. */
    public boolean startsWithFirstPhase() {
        return start == TargetStart.WITH_FIRST_PHASE;
    }

    /** How a target is started. */
    public sealed interface Command {
        /** Run directly as this argument vector (each element templated). */
        record Argv(java.util.List<Template> args) implements Command {
            public Argv {
                args = java.util.List.copyOf(args);
                if (args.isEmpty()) {
                    throw new IllegalArgumentException("run must not be an empty list");
                }
            }
        }

        /** Run with {@code /bin/sh -c}. */
        record Shell(Template script) implements Command {
        }
    }

    /** Which port the target listens on. */
    public sealed interface PortPolicy {
        /** No port is assigned ({@code PORT} is not set). */
        record None() implements PortPolicy {
        }

        /** A free port per replica, as {@code ${target.port}} and env {@code PORT}. */
        record Auto() implements PortPolicy {
        }

        /** A fixed port (only with one replica). */
        record Fixed(int port) implements PortPolicy {
        }
    }
}
