package dev.faultline.run;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.load.LoadDriver;
import dev.faultline.load.LoadPlan;
import dev.faultline.load.Settling;
import dev.faultline.load.TargetTls;
import dev.faultline.probe.Prober;
import dev.faultline.report.Verdict;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.Scenario;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * The load and the probes of one run: built and warmed up before the timeline starts (so their first
 * requests pay no connection or class-loading cost), started with the first phase, stopped at the end.
 * Either may be absent.
 */
final class Traffic {
    /** Once the targets are gone, how long requests still in flight get to fail and be recorded. */
    private static final Duration SETTLE_AFTER_TARGETS = Duration.ofSeconds(2);
    /** How long the probes get to record the answers still on the way. */
    private static final Duration PROBE_GRACE = Duration.ofSeconds(2);

    private final LoadDriver load;
    private final Prober prober;
    private final Duration loadTimeout;

    private Traffic(LoadDriver load, Prober prober, Duration loadTimeout) {
        this.load = load;
        this.prober = prober;
        this.loadTimeout = loadTimeout;
    }

    /** Traffic for a scenario without load or probes. */
    static Traffic none() {
        return new Traffic(null, null, Duration.ZERO);
    }

    /**
     * Builds the scenario's load driver and probes against {@code urls}.
     *
     * @param tls how they check an https target's certificate
     *
     * @throws RunSetupException (invalid) when the plan cannot be built from the scenario
     */
    static Traffic prepare(Scenario scenario, List<String> urls, long seed, RunClock clock, Journal journal,
                           PrintWriter progress, TargetTls tls) throws RunSetupException {
        LoadDriver load = null;
        Prober prober = null;
        try {
            if (scenario.load().isPresent()) {
                LoadSpec spec = scenario.load().get();
                LoadPlan plan = LoadPlan.of(spec, urls, seed);
                load = LoadDriver.prepare(plan, clock, journal, tls);
                progress.println("  load: " + spec.rate().stream().map(s -> s.rate().toString())
                        .reduce((a, b) -> a + " then " + b).orElse(plan.streams().size() + " tenants") + " to " + String.join(", ", urls));
            }
            if (scenario.probes().isPresent()) {
                prober = Prober.prepare(scenario.probes().get(), urls, clock, journal, seed, tls);
            }
        } catch (RuntimeException | Error e) {
            // The driver holds threads and connections from the moment it is prepared.
            if (load != null) {
                load.close();
            }
            if (e instanceof IllegalArgumentException) {
                throw new RunSetupException(Verdict.INVALID, e.getMessage());
            }
            throw e;
        }
        return new Traffic(load, prober, scenario.load().map(LoadSpec::timeout).orElse(Duration.ZERO));
    }

    /** Starts both from {@code origin}; the load's schedule lasts {@code length}. */
    void start(long origin, Duration length) {
        if (load != null) {
            load.start(origin, length);
        }
        if (prober != null) {
            prober.start(origin);
        }
    }

    /**
     * Stops the probes and the load; requests in flight get their timeout unless aborted.
     *
     * @param afterTargets true when the targets are already gone: whatever is still in flight fails at
     *                     once, so it gets a moment to be recorded, and the load's schedule (which ran on
     *                     past the last phase) is cut off
     */
    void stop(boolean aborted, boolean afterTargets, PrintWriter progress) {
        try {
            if (prober != null) {
                prober.stop(aborted ? Duration.ZERO : PROBE_GRACE);
            }
            if (load != null && afterTargets) {
                // Requests still in flight fail fast once the targets are gone; give them a moment to be recorded.
                Settling.await(() -> load.inFlight() == 0, aborted ? Duration.ZERO : SETTLE_AFTER_TARGETS);
                load.stop(Duration.ZERO);
            } else if (load != null) {
                load.stop(aborted ? Duration.ZERO : loadTimeout);
            }
        } catch (RuntimeException e) {
            progress.println("  warning: the load or the probes did not stop cleanly: " + e);
        }
    }
}
