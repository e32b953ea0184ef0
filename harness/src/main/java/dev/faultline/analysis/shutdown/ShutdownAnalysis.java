package dev.faultline.analysis.shutdown;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.analysis.shutdown.ShutdownMeasurement.Endings;
import dev.faultline.analysis.shutdown.ShutdownMeasurement.Episode;
import dev.faultline.analysis.shutdown.ShutdownMeasurement.Exit;
import dev.faultline.analysis.shutdown.ShutdownMeasurement.Readiness;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.ProbeResult;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.SignalSent;
import dev.faultline.journal.TargetExited;
import dev.faultline.journal.TargetStarted;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.report.Numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Measures how the target shut down when it was signalled (metrics S1-S3, S7, S9 of the catalog): the
 * load requests in flight at the signal and how each ended, the requests sent after it until the exit,
 * when readiness failed, the drain time to the exit, the exit code, whether KILL was needed, and the
 * upstream calls the target abandoned mid-response. Pure: journal in, measurement out.
 *
 * <p><b>Which signal.</b> Per replica, its first signal from a phase action; when no action signalled
 * any replica, its final stop signal. A stop sent because the run was aborted is not a shutdown the
 * scenario asked for and starts no episode; when it comes after an action's signal, it ends the
 * observation there (what happened after it is the abort's doing).
 *
 * <p><b>Which requests.</b> Load requests sent to the replica: <em>in flight</em> when sent before the
 * signal and not finished at it; <em>after the signal</em> when sent at or after it and before the
 * replica's main process exited (requests sent to a process already gone are refused by definition).
 * Sending times are the moments the requests really went out, not their schedule.
 */
public final class ShutdownAnalysis {
    /**
     * Readiness answers that arrive this close to the exit do not count as failing <em>before</em> it: a
     * process's sockets close as it ends, a moment before its exit is seen, so a probe cut or refused
     * then is the exit itself, not a warning (and nothing could act on a warning that late anyway).
     */
    public static final long EXIT_MARGIN_NANOS = 100_000_000L;

    private ShutdownAnalysis() {
    }

    /** @param events the run's journal */
    public static ShutdownMeasurement of(List<Event> events) {
        List<SignalSent> signals = new ArrayList<>();
        List<LoadResult> load = new ArrayList<>();
        List<ProbeResult> readiness = new ArrayList<>();
        List<UpstreamRequest> upstream = new ArrayList<>();
        List<TargetExited> exits = new ArrayList<>();
        TreeSet<Integer> started = new TreeSet<>();
        boolean aborted = false;
        for (Event e : events) {
            if (e instanceof SignalSent s) {
                signals.add(s);
            } else if (e instanceof LoadResult l) {
                load.add(l);
            } else if (e instanceof ProbeResult p && p.probe().equals("readiness") && p.judged()) {
                readiness.add(p);
            } else if (e instanceof UpstreamRequest u && u.outcome() == UpstreamRequest.Outcome.CLIENT_GONE) {
                upstream.add(u);
            } else if (e instanceof TargetExited x) {
                exits.add(x);
            } else if (e instanceof TargetStarted t) {
                started.add(t.replica());
            } else if (e instanceof RunEnded r && r.aborted()) {
                aborted = true;
            }
        }
        signals.sort(Comparator.comparingLong(SignalSent::atNanos));
        readiness.sort(Comparator.comparingLong(ProbeResult::endNanos));
        boolean anyAction = signals.stream().anyMatch(s -> s.reason().equals("action"));
        String origin = anyAction ? "action" : "stop";

        Timeline timeline = Timeline.of(events);
        List<Episode> episodes = new ArrayList<>();
        TreeSet<Integer> replicas = new TreeSet<>(started);
        signals.forEach(s -> replicas.add(s.replica()));
        for (int replica : replicas) {
            Optional<SignalSent> first = signals.stream()
                    .filter(s -> s.replica() == replica && s.reason().equals(origin)).findFirst();
            first.ifPresent(signal -> episodes.add(episode(signal, timeline, signals, load, readiness, upstream, exits)));
        }
        Optional<String> unmeasured = episodes.isEmpty()
                ? Optional.of(whyNone(signals, exits, aborted))
                : Optional.empty();
        return new ShutdownMeasurement(episodes, unmeasured, !load.isEmpty(), !readiness.isEmpty(),
                Math.max(1, replicas.size()));
    }

    private static String whyNone(List<SignalSent> signals, List<TargetExited> exits, boolean aborted) {
        if (signals.stream().anyMatch(s -> s.reason().equals("abort"))) {
            return "the run was aborted before any target was signalled; the abort's own stop is not judged";
        }
        if (aborted) {
            return "the run was aborted before any target was signalled";
        }
        List<TargetExited> byThemselves = exits.stream().filter(x -> !x.byHarness()).toList();
        if (!byThemselves.isEmpty()) {
            TargetExited x = byThemselves.get(0);
            return "no target was signalled: replica " + x.replica() + " exited by itself with code " + x.exitCode() + " at "
                    + seconds(x.atNanos()) + ", before any signal";
        }
        return "no target was signalled (no phase action sent a signal, and the run had no target to stop)";
    }

    private static Episode episode(SignalSent signal, Timeline timeline, List<SignalSent> signals, List<LoadResult> load,
                                   List<ProbeResult> readiness, List<UpstreamRequest> upstream, List<TargetExited> exits) {
        int replica = signal.replica();
        long at = signal.atNanos();
        OptionalLong exitedBefore = OptionalLong.empty();
        Optional<TargetExited> exited = Optional.empty();
        for (TargetExited x : exits) {
            if (x.replica() != replica) {
                continue;
            }
            if (x.atNanos() < at) {
                exitedBefore = OptionalLong.of(at - x.atNanos());
            } else if (exited.isEmpty()) {
                exited = Optional.of(x);
            }
        }
        // An abort's stop after the signal ends what the target's own shutdown can be judged on.
        OptionalLong abortAt = signals.stream()
                .filter(s -> s.replica() == replica && s.reason().equals("abort") && s.atNanos() >= at)
                .mapToLong(SignalSent::atNanos).findFirst();
        if (exited.isPresent() && abortAt.isPresent() && exited.get().atNanos() > abortAt.getAsLong()) {
            exited = Optional.empty();
        }
        long observedUntil = exited.map(TargetExited::atNanos).orElse(abortAt.orElse(Long.MAX_VALUE));
        long warnedBefore = exited.map(x -> x.atNanos() - EXIT_MARGIN_NANOS).orElse(observedUntil);
        boolean killSent = signals.stream().anyMatch(s -> s.replica() == replica && s.signal().equals("KILL")
                && s.reason().equals("kill") && s.atNanos() >= at && s.atNanos() <= observedUntil);

        Counter inFlight = new Counter(false);
        Counter after = new Counter(true);
        long lastInFlightEnd = 0;
        for (LoadResult r : load) {
            if (r.replica() != replica) {
                continue;
            }
            if (r.sentNanos() < at && r.endNanos() > at) {
                inFlight.add(r);
                lastInFlightEnd = Math.max(lastInFlightEnd, r.endNanos() - at);
            } else if (r.sentNanos() >= at && r.sentNanos() < observedUntil) {
                after.add(r);
            }
        }

        SortedMap<String, Long> abandoned = new TreeMap<>();
        for (UpstreamRequest u : upstream) {
            boolean fromReplica = u.client() == replica || u.client() < 0;
            if (fromReplica && u.atNanos() < observedUntil && (u.endNanos() < 0 || u.endNanos() >= at)) {
                abandoned.merge(u.upstream(), 1L, Long::sum);
            }
        }

        Optional<Exit> exit = exited.map(x -> new Exit(x.atNanos() - at, x.exitCode(), x.killed()));
        OptionalLong abortedAfter = exit.isEmpty() && abortAt.isPresent() ? OptionalLong.of(abortAt.getAsLong() - at)
                : OptionalLong.empty();
        Optional<PhaseWindow> phase = timeline.phases().stream().filter(w -> w.contains(at)).findFirst();
        return new Episode(replica, signal.signal(), signal.reason(), at, phase.map(PhaseWindow::name),
                phase.map(w -> at - w.startNanos()).orElse(0L), inFlight.endings(), lastInFlightEnd,
                after.endings(), readiness(readiness, replica, at, warnedBefore, observedUntil), exit, killSent, abandoned, abortedAfter,
                exitedBefore);
    }

    private static Readiness readiness(List<ProbeResult> answers, int replica, long at, long until, long end) {
        boolean failingAtSignal = false;
        OptionalLong firstFailure = OptionalLong.empty();
        Optional<String> firstKind = Optional.empty();
        long answered = 0;
        long failed = 0;
        long failedAtExit = 0;
        for (ProbeResult p : answers) {
            if (p.replica() != replica) {
                continue;
            }
            if (p.endNanos() < at) {
                failingAtSignal = !p.ok();
                continue;
            }
            if (!p.ok() && firstFailure.isEmpty()) {
                firstFailure = OptionalLong.of(p.endNanos() - at);
                firstKind = Optional.of(kind(p.outcome(), p.status()));
            }
            if (p.endNanos() < until) {
                answered++;
                if (!p.ok()) {
                    failed++;
                }
            } else if (p.endNanos() < end && !p.ok()) {
                failedAtExit++;
            }
        }
        return new Readiness(failingAtSignal, firstFailure, firstKind, answered, failed, failedAtExit);
    }

    /** {@code 503} for a response, else the outcome in lower case ({@code refused}). */
    static String kind(CallOutcome outcome, int status) {
        return outcome == CallOutcome.RESPONSE ? String.valueOf(status) : outcome.name().toLowerCase(Locale.ROOT);
    }

    private static String seconds(long nanos) {
        return Numbers.fixedSeconds(nanos / 1e9);
    }

    /** Counts one group of load requests by how they ended. */
    private static final class Counter {
        private final boolean afterSignal;
        private long total;
        private long succeeded;
        private long refused;
        private long cancelled;
        private final SortedMap<String, Long> failures = new TreeMap<>();
        private final SortedMap<String, Long> refusals = new TreeMap<>();

        Counter(boolean afterSignal) {
            this.afterSignal = afterSignal;
        }

        void add(LoadResult r) {
            total++;
            if (r.outcome() == CallOutcome.CANCELLED) {
                cancelled++;
            } else if (afterSignal ? r.succeeded() : r.outcome() == CallOutcome.RESPONSE && r.status() < 500) {
                succeeded++;
            } else if (afterSignal && (r.outcome() == CallOutcome.REFUSED || r.outcome() == CallOutcome.RESPONSE && r.status() == 503)) {
                refused++;
                refusals.merge(r.outcome() == CallOutcome.REFUSED ? "connection refused" : "503", 1L, Long::sum);
            } else {
                failures.merge(kind(r.outcome(), r.status()), 1L, Long::sum);
            }
        }

        Endings endings() {
            return total == 0 ? Endings.NONE : new Endings(total, succeeded, refused, cancelled, failures, refusals);
        }
    }
}
