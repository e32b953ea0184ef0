package dev.faultline.target;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.SignalSent;
import dev.faultline.journal.TargetExited;
import dev.faultline.journal.TargetStarted;
import dev.faultline.scenario.Signal;
import dev.faultline.scenario.StopSpec;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One running copy of the target: its process group, its saved output, its exit. Every signal and the
 * exit are recorded in the journal. Threadsafe.
 */
public final class TargetReplica {
    private static final long POLL_MILLIS = 25;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    // Waited only once the process is reaped and its exit not yet journalled; 1 s was once too short in CI
    // (two test classes at a time on 2 cores), and a stop then reported the target's exit as unknown.
    private static final Duration EXIT_RECORD_WAIT = Duration.ofSeconds(5);

    private final LaunchSpec launch;
    private final Process process;
    private final ProcessGroup group;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final RunClock clock;
    private final Journal journal;
    private final long startedNanos;
    private volatile boolean signalledByHarness;
    private volatile boolean killed;
    private volatile TargetExited exit;
    private volatile CompletableFuture<Void> exitRecorded = CompletableFuture.completedFuture(null);
    private final List<String> killedLate = new CopyOnWriteArrayList<>();

    private TargetReplica(LaunchSpec launch, Process process, OutputPump stdout, OutputPump stderr,
                          RunClock clock, Journal journal, long startedNanos) {
        this.launch = launch;
        this.process = process;
        this.group = new ProcessGroup(process.pid());
        this.stdout = stdout;
        this.stderr = stderr;
        this.clock = clock;
        this.journal = journal;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts the replica in a new session and process group, its output going to its log files.
     *
     * @throws TargetStartException if the command cannot be started (not found, not executable) or its
     *                              port is taken by another process
     */
    public static TargetReplica start(LaunchSpec launch, RunClock clock, Journal journal) throws TargetStartException {
        CommandCheck.requireExecutable(launch, System.getenv());
        PortCheck.requireFree(launch);
        KillShell.prepare();
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(SignalDefaults.prefix());
        command.addAll(launch.argv());
        ProcessBuilder builder = new ProcessBuilder(command).directory(launch.workdir().toFile());
        builder.environment().putAll(launch.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TargetStartException("target replica " + launch.replica() + " could not be started ("
                    + launch.commandLine() + "): " + e.getMessage(), e);
        }
        long startedNanos = clock.nanos();
        try {
            OutputPump out = OutputPump.start(process.getInputStream(), launch.logDir().resolve(launch.stdoutName()),
                    "target-" + launch.replica() + "-stdout");
            OutputPump err = OutputPump.start(process.getErrorStream(), launch.logDir().resolve(launch.stderrName()),
                    "target-" + launch.replica() + "-stderr");
            TargetReplica replica = new TargetReplica(launch, process, out, err, clock, journal, startedNanos);
            journal.append(new TargetStarted(startedNanos, launch.replica(), process.pid(), launch.port()));
            replica.exitRecorded = process.onExit().thenRun(replica::recordExit);
            return replica;
        } catch (IOException e) {
            new ProcessGroup(process.pid()).signal(Signal.KILL);
            process.destroyForcibly();
            throw new TargetStartException("target replica " + launch.replica() + " started, but its log file could not be written in "
                    + launch.logDir() + ": " + e.getMessage(), e);
        }
    }

    private void recordExit() {
        TargetExited exited = new TargetExited(clock.nanos(), launch.replica(), process.exitValue(), killed, signalledByHarness);
        exit = exited;
        journal.append(exited);
    }

    /** 0-based replica index. */
    public int replica() {
        return launch.replica();
    }

    /** What was launched. */
    public LaunchSpec launch() {
        return launch;
    }

    /** The main process's pid (also the process-group id). */
    public long pid() {
        return process.pid();
    }

    /** Run time it was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /** True while the main process runs. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** The exit, once the main process has ended. */
    public Optional<TargetExited> exit() {
        return Optional.ofNullable(exit);
    }

    /** The main process's exit status once it has ended (even before the exit event is recorded). */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Why the replica's command could not be executed, when its main process ended with 126 or 127:
     * the codes {@code env}, {@code setsid} and every POSIX shell exit with when the exec of a command
     * fails (127: not found, 126: found but not executable). A program that ran exits otherwise.
     */
    public Optional<String> execFailure() {
        OptionalInt code = exitCode();
        if (code.isEmpty() || code.getAsInt() != 126 && code.getAsInt() != 127) {
            return Optional.empty();
        }
        String meaning = code.getAsInt() == 127 ? "a command was not found" : "a command was found but could not be executed";
        return Optional.of("target replica " + launch.replica() + " (" + launch.commandLine() + ") exited with code "
                + code.getAsInt() + ": " + meaning + " (see its " + launch.stderrName() + ")");
    }

    /** True if the harness had to send KILL. */
    public boolean killed() {
        return killed;
    }

    /** The last lines the replica printed, stdout's then stderr's. */
    public List<String> lastOutput() {
        List<String> lines = new ArrayList<>(stdout.tail());
        lines.addAll(stderr.tail());
        return lines;
    }

    /**
     * The first failure to write this replica's output to its log files (e.g. a full disk), if any.
     * The output was still read to its end, so the target was not blocked and readiness by log still
     * worked; the log files are incomplete.
     */
    public Optional<String> logWriteFailure() {
        for (OutputPump pump : List.of(stdout, stderr)) {
            Optional<IOException> failure = pump.writeFailure();
            if (failure.isPresent()) {
                return Optional.of("could not write " + pump.file() + ": " + failure.get().getMessage());
            }
        }
        return Optional.empty();
    }

    OutputPump stdout() {
        return stdout;
    }

    OutputPump stderr() {
        return stderr;
    }

    /** Sends a signal to the replica's whole process tree and records it. */
    public void signal(Signal signal, String reason) {
        if (!group.isAlive()) {
            return;
        }
        signalledByHarness = true;
        if (signal == Signal.KILL) {
            killed = true;
        }
        // Stamped as it leaves, recorded once delivered: the group's exit may be recorded in between.
        long at = clock.nanos();
        group.signal(signal);
        journal.append(new SignalSent(at, launch.replica(), signal.name(), reason));
    }

    /**
     * Stops the replica: the stop signal to its process tree, then KILL for whatever is left after the
     * grace period. Returns when no process of the tree remains (or KILL could not finish them within
     * a few seconds, which only a process stuck in the kernel can cause).
     */
    public void stop(StopSpec stop) throws InterruptedException {
        stop(stop, "stop", () -> false, stop.grace());
    }

    /**
     * Stops the replica as {@link #stop(StopSpec)} does, recording {@code reason} with the signal, and
     * cuts the grace short once {@code hurry} answers true: from then on at most {@code hurriedGrace}
     * is left before KILL (an abort while a long grace runs).
     */
    public void stop(StopSpec stop, String reason, BooleanSupplier hurry, Duration hurriedGrace) throws InterruptedException {
        if (group.isAlive()) {
            signal(stop.signal(), reason);
            Wait wait = awaitGroupGone(stop.grace(), hurry, hurriedGrace);
            if (wait != Wait.GONE) {
                // A KILL the abort hurried is the abort's doing, not a grace the target outlasted.
                kill(wait == Wait.HURRIED_OUT ? "abort" : "kill");
            }
        }
        killLeftBehind();
        awaitExitRecorded();
        awaitLogs();
    }

    /** Sends KILL to the whole tree at once and waits briefly for it to go. */
    public void kill(String reason) throws InterruptedException {
        if (group.isAlive()) {
            signal(Signal.KILL, reason);
            awaitGroupGone(KILL_WAIT);
        }
        killLeftBehind();
        process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        awaitExitRecorded();
    }

    /**
     * Once the tree is gone, waits briefly until the main process is reaped and its exit is in the journal
     * (it is recorded on another thread). The group leaves /proc as a zombie before the JDK reaps it, and
     * on a loaded machine that reaping has been seen to take over a second.
     */
    private void awaitExitRecorded() throws InterruptedException {
        if (group.isAlive() || !process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        try {
            exitRecorded.get(EXIT_RECORD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Recorded late or not at all: the report then shows the exit as unknown, nothing worse.
        }
    }

    /** KILL without waiting: for the harness's own emergency exit. */
    public void killNow() {
        killed = true;
        group.signal(Signal.KILL);
        process.destroyForcibly();
        LeftBehind.killNow(pid(), TargetMarker.of(launch)).forEach(s -> killedLate.add(s.describe()));
    }

    /** True while any process of the replica's tree is alive, in its group or outside it. */
    public boolean treeAlive() {
        return group.isAlive() || !LeftBehind.find(pid(), TargetMarker.of(launch)).isEmpty();
    }

    /** The processes that had left the replica's process group and were KILLed after it, one line each. */
    public List<String> killedLate() {
        return List.copyOf(killedLate);
    }

    /** Once the group is gone (or KILLed), KILLs what left it: the group's signals never reached those. */
    private void killLeftBehind() throws InterruptedException {
        LeftBehind.kill(pid(), TargetMarker.of(launch)).forEach(s -> killedLate.add(s.describe()));
    }

    private boolean awaitGroupGone(Duration timeout) throws InterruptedException {
        return awaitGroupGone(timeout, () -> false, timeout) == Wait.GONE;
    }

    /** How waiting for the tree to go ended. */
    private enum Wait {
        GONE, TIMED_OUT, HURRIED_OUT
    }

    private Wait awaitGroupGone(Duration timeout, BooleanSupplier hurry, Duration hurriedGrace) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long hurriedDeadline = Long.MAX_VALUE;
        boolean hurried = false;
        while (group.isAlive()) {
            long now = System.nanoTime();
            if (!hurried && hurry.getAsBoolean()) {
                hurried = true;
                hurriedDeadline = now + hurriedGrace.toNanos();
            }
            if (now - deadline >= 0) {
                return Wait.TIMED_OUT;
            }
            if (hurried && now - hurriedDeadline >= 0) {
                return Wait.HURRIED_OUT;
            }
            Thread.sleep(POLL_MILLIS);
        }
        // The leader may be gone from /proc's view just before the JDK has reaped it.
        process.waitFor(1, TimeUnit.SECONDS);
        return Wait.GONE;
    }

    /** Waits briefly until everything the ended process printed has been read. */
    void awaitLogs() throws InterruptedException {
        stdout.awaitEnd(1000);
        stderr.awaitEnd(1000);
    }
}
