package dev.faultline.analysis.shutdown;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link ShutdownAnalysis} measured: how each signalled target replica shut down.
 *
 * @param episodes   one per replica that was signalled, in replica order
 * @param unmeasured why there is no episode (no target was signalled, the run was aborted first, ...);
 *                   empty when there are episodes
 * @param loadSeen   whether the journal holds any load request (without load nothing can be in flight)
 * @param readinessSeen whether the journal holds any readiness answer
 * @param replicas   how many replicas the run started (to name the replica in texts only when several)
 */
public record ShutdownMeasurement(List<Episode> episodes, Optional<String> unmeasured, boolean loadSeen,
                                  boolean readinessSeen, int replicas) {
    public ShutdownMeasurement {
        episodes = List.copyOf(episodes);
    }

    /**
     * One replica's shutdown, measured from its signal.
     *
     * @param replica          the replica
     * @param signal           the signal, without {@code SIG} ({@code TERM})
     * @param reason           {@code action} (a phase action) or {@code stop} (the final stop)
     * @param signalNanos      run time of the signal
     * @param phase            the phase the signal came in, or empty (the final stop comes after the last phase)
     * @param intoPhaseNanos   how long after that phase's start it came; 0 without a phase
     * @param inFlight         load requests sent to the replica before the signal and not finished at it, by how they ended
     * @param lastInFlightEndNanos when the last of them ended, after the signal; 0 when none was in flight
     * @param afterSignal      load requests sent to the replica after the signal and before it exited, by how they ended
     * @param readiness        the replica's readiness answers around the signal
     * @param exit             how and when the replica's main process exited; empty while it had not
     * @param killSent         whether the harness had to send KILL after the signal (the grace ran out)
     * @param abandoned        upstream calls the replica had open after the signal that ended with the client
     *                         gone (the replica went away mid-call), by upstream
     * @param abortedAfterNanos when the run was aborted before the replica exited: how long after the signal
     * @param exitedBeforeNanos when the replica's main process had exited by itself before the signal: how
     *                         long before (the signal reached only what it left behind)
     */
    public record Episode(
            int replica,
            String signal,
            String reason,
            long signalNanos,
            Optional<String> phase,
            long intoPhaseNanos,
            Endings inFlight,
            long lastInFlightEndNanos,
            Endings afterSignal,
            Readiness readiness,
            Optional<Exit> exit,
            boolean killSent,
            SortedMap<String, Long> abandoned,
            OptionalLong abortedAfterNanos,
            OptionalLong exitedBeforeNanos) {
        public Episode {
            abandoned = new TreeMap<>(abandoned);
        }

        /** Upstream calls abandoned mid-response, over every upstream. */
        public long abandonedCalls() {
            return abandoned.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Load requests of one group (in flight at the signal, or sent after it), by how they ended.
     *
     * @param total     every request of the group
     * @param succeeded whole responses below 500 (in flight: completed) or 2xx-3xx (after the signal: served)
     * @param refused   after the signal: connection refused or answered 503 (the target declined them);
     *                  always 0 for requests in flight, whose refusals count as failures
     * @param cancelled cancelled by the harness at the end of the run or on an abort: judged neither way
     * @param failures  the others, by kind: a status ({@code 503}) or {@code reset}, {@code closed},
     *                  {@code timeout}, {@code refused}, {@code other}
     * @param refusals  the refused ones by kind: {@code connection refused}, {@code 503}
     */
    public record Endings(long total, long succeeded, long refused, long cancelled, SortedMap<String, Long> failures,
                          SortedMap<String, Long> refusals) {
        public static final Endings NONE = new Endings(0, 0, 0, 0, new TreeMap<>(), new TreeMap<>());

        public Endings {
            failures = new TreeMap<>(failures);
            refusals = new TreeMap<>(refusals);
        }

        /** Requests that failed (cancelled ones excluded). */
        public long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The replica's readiness answers around its signal (answers by arrival time).
     *
     * @param failingAtSignal    whether the last answer before the signal had failed
     * @param firstFailureNanos  first failed answer at or after the signal − the signal; empty if none
     * @param firstFailure       how that answer failed ({@code 503}, {@code refused}, ...), or empty
     * @param answersBeforeExit  answers that arrived after the signal and up to {@link ShutdownAnalysis#EXIT_MARGIN_NANOS}
     *                           before the exit (or until the end of observation)
     * @param failedBeforeExit   of those, the failed ones
     * @param failedAtExit       failed answers that arrived within that margin of the exit: the process ending, not a warning
     */
    public record Readiness(boolean failingAtSignal, OptionalLong firstFailureNanos, Optional<String> firstFailure,
                            long answersBeforeExit, long failedBeforeExit, long failedAtExit) {
        public static final Readiness NONE = new Readiness(false, OptionalLong.empty(), Optional.empty(), 0, 0, 0);
    }

    /**
     * The replica's main process exit.
     *
     * @param afterNanos exit − signal: the drain time
     * @param exitCode   its exit status ({@code 128 + n} when ended by signal {@code n})
     * @param killed     whether KILL ended it
     */
    public record Exit(long afterNanos, int exitCode, boolean killed) {
        /** The signal number that ended it, if a signal did. */
        public OptionalInt bySignal() {
            return exitCode > 128 && exitCode < 128 + 65 ? OptionalInt.of(exitCode - 128) : OptionalInt.empty();
        }
    }
}
