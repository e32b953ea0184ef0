package dev.faultline.run;

import dev.faultline.report.Numbers;
import dev.faultline.analysis.DelayLateness;
import dev.faultline.analysis.WallClock;
import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.journal.Retention;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.RunEnded;
import dev.faultline.judge.Judge;
import dev.faultline.load.TargetTls;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.RunReport;
import dev.faultline.report.Verdict;
import dev.faultline.scenario.ActionSpec;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.StopSpec;
import dev.faultline.scenario.TargetSpec;
import dev.faultline.scenario.template.TemplateException;
import dev.faultline.target.LaunchSpec;
import dev.faultline.target.ReadinessCheck;
import dev.faultline.target.TargetReplica;
import dev.faultline.target.TargetStartException;
import dev.faultline.target.Watchdog;
import dev.faultline.upstream.FakeUpstream;
import dev.faultline.upstream.UpstreamOptions;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.tls.RunTls;
import dev.faultline.upstream.tls.TlsFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries out one scenario: starts the fake upstreams and the target replicas, plays the phases,
 * stops everything, judges the expectations from the journal and writes the reports.
 *
 * <p>It owns every resource it starts and releases all of them on every path out (normal end, a
 * target that never became ready, an exception, an abort): targets are stopped with their stop
 * signal and KILLed after the grace, upstreams are closed, and the report is still written, marked
 * {@code error} or {@code aborted} when the run did not finish.
 */
public final class ScenarioRun {
    /** How long the load runs on past a measured final stop's grace: the KILL, and a margin. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    private final Scenario scenario;
    private final RunOptions options;
    private final long seed;
    private final RunClock clock = RunClock.startingNow();
    private final Journal journal;
    private final List<FakeUpstream> upstreams = new ArrayList<>();
    private final List<TargetReplica> replicas = new ArrayList<>();
    private final List<String> targetUrls = new ArrayList<>();
    private final List<LaunchSpec> launches = new ArrayList<>();
    private final List<Optional<String>> urls = new ArrayList<>();
    private List<TargetLauncher.ReplicaBindings> bindings = List.of();
    private Optional<TlsFiles> tlsFiles = Optional.empty();
    /** The run's certificate authority, when an upstream speaks TLS; the load and probes trust it too. */
    private RunTls runTls;
    private final Watchdog watchdog = Watchdog.forNewRun();
    private Traffic traffic = Traffic.none();
    /** Held from the report folder's preparation to the last report file; null if it could not be had. */
    private ReportFolderLock folderLock;
    private volatile boolean timelineEnded;
    /** The machine's timer noise, sampled from the timeline's start to its end (the jitter rule's floor). */
    private TimerNoiseSampler timerNoise;

    private ScenarioRun(Scenario scenario, RunOptions options) {
        this.scenario = scenario;
        this.options = options;
        this.seed = options.seed().or(scenario::seed).orElseGet(() -> new SecureRandom().nextLong() & Long.MAX_VALUE);
        this.journal = new Journal(scenario.journalCap(), scenario.journalMaxBytes(), Retention.KEEP_FIRST);
    }

    /** Runs the scenario to the end (or until aborted) and writes its reports. */
    public static RunResult execute(Scenario scenario, RunOptions options) {
        ScenarioRun run = new ScenarioRun(scenario, options);
        try {
            return run.run();
        } finally {
            if (run.folderLock != null) {
                run.folderLock.close();
            }
        }
    }

    private RunResult run() {
        Verdict forced = null;
        String message = "";
        try {
            prepareReportDir();
            startUpstreams();
            planTargets();
            if (!startsWithFirstPhase()) {
                startTargets();
            }
            playTimeline();
        } catch (Aborted e) {
            forced = Verdict.ABORTED;
        } catch (InterruptedException e) {
            forced = Verdict.ABORTED;
            options.control().abort("interrupted");
        } catch (TargetStartException e) {
            forced = Verdict.ERROR;
            message = e.describe();
        } catch (RunSetupException e) {
            forced = e.verdict();
            message = e.getMessage();
        } catch (RuntimeException e) {
            forced = Verdict.ERROR;
            message = "internal error: " + e + " (the stack trace is in harness-error.log in the report folder)";
            saveStackTrace(e);
        } finally {
            boolean aborted = forced == Verdict.ABORTED || options.control().isAborted();
            endTimeline(aborted);
            boolean interrupted = Thread.interrupted();
            if (trafficThroughStop() && !aborted) {
                // The final stop is measured: load and probes watch the targets until they are gone.
                stopTargets(false);
                traffic.stop(options.control().isAborted(), true, options.progress());
            } else {
                traffic.stop(aborted, false, options.progress());
                stopTargets(aborted);
            }
            watchdog.close();
            closeUpstreams();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (forced == null) {
            // A replica whose command could not be executed tested nothing, however quiet the run looked.
            Optional<String> notExecuted = replicas.stream().map(TargetReplica::execFailure).flatMap(Optional::stream).findFirst();
            if (notExecuted.isPresent()) {
                forced = Verdict.ERROR;
                message = notExecuted.get();
            }
        }
        if (forced == null) {
            // The target logs are part of the report; one the disk refused is a report that was lost.
            Optional<String> logLost = replicas.stream().map(TargetReplica::logWriteFailure).flatMap(Optional::stream).findFirst();
            if (logLost.isPresent()) {
                forced = Verdict.ERROR;
                message = "the report could not be written: " + logLost.get()
                        + " (the target's output was still read, so the run itself went on; free the space or choose"
                        + " another folder with --report-dir)";
            }
        }
        if (options.control().isAborted()) {
            forced = Verdict.ABORTED;
            message = "the run was aborted (" + options.control().reason() + "); what was measured until then is reported";
        }
        return finish(forced, message);
    }

    private void prepareReportDir() throws RunSetupException {
        Path dir = options.reportDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RunSetupException(Verdict.ERROR, "cannot create the report folder (" + IoErrors.describe(dir, e)
                    + "); choose another with --report-dir");
        }
        folderLock = ReportFolderLock.acquire(dir, options.displayFile());
        try {
            try (var files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("target-") && name.endsWith(".log") || name.equals("harness-error.log")) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new RunSetupException(Verdict.ERROR, "cannot use the report folder (" + IoErrors.describe(dir, e)
                    + "); choose another with --report-dir");
        }
    }

    private int clients() {
        return scenario.target().filter(t -> t.command().isPresent()).map(TargetSpec::replicas).orElse(1);
    }

    private void startUpstreams() throws RunSetupException {
        UpstreamOptions upstreamOptions = UpstreamOptions.loopback(clients(), journal, clock, seed);
        RunTls tls = startTls();
        runTls = tls;
        Map<String, UpstreamSpec> specs;
        try {
            specs = ProxyUrls.resolve(scenario, options.env()::get);
        } catch (TemplateException e) {
            throw new RunSetupException(Verdict.INVALID, e.getMessage());
        }
        for (UpstreamSpec spec : specs.values()) {
            int instance = 0;
            try {
                for (; instance < spec.instances(); instance++) {
                    upstreams.add(FakeUpstream.start(spec, instance, upstreamOptions, tls));
                }
            } catch (IOException e) {
                String where = spec.port() == 0 ? "a free port" : "port " + spec.port(instance);
                throw new RunSetupException(Verdict.ERROR, "fake upstream " + spec.name() + " could not listen on " + where
                        + ": " + e.getMessage() + (spec.port() == 0 ? "" : " (is the port taken? use port: 0 for a free one)"));
            }
        }
        for (FakeUpstream upstream : upstreams) {
            options.progress().println("  upstream " + upstream.name() + (instanceCount(upstream.name()) > 1
                    ? " instance " + upstream.instance() : "") + " listening on " + upstream.ports()
                    + upstream.proxiesTo().map(url -> ", forwarding unrouted requests to " + url).orElse(""));
        }
    }

    /**
     * The run's certificate authority when an upstream speaks TLS (else null), its files written to
     * the report folder's {@code tls/} for the target ({@code ${ca.file}} and the rest).
     */
    private RunTls startTls() throws RunSetupException {
        if (scenario.upstreams().values().stream().noneMatch(spec -> spec.tls().isPresent())) {
            return null;
        }
        RunTls tls = RunTls.create();
        Path dir = options.reportDir().resolve("tls");
        try {
            tlsFiles = Optional.of(tls.writeTo(dir));
        } catch (IOException e) {
            throw new RunSetupException(Verdict.ERROR, "cannot write the run's certificate authority ("
                    + IoErrors.describe(dir, e) + "); free the space or choose another folder with --report-dir");
        }
        options.progress().println("  certificate authority of this run: " + tlsFiles.get().caFile());
        return tls;
    }

    private int instanceCount(String upstream) {
        UpstreamSpec spec = scenario.upstreams().get(upstream);
        return spec == null ? 1 : spec.instances();
    }

    private boolean startsWithFirstPhase() {
        return !launches.isEmpty() && scenario.target().orElseThrow().startsWithFirstPhase();
    }

    /** Resolves each replica's port, url and command (templates substituted); starts nothing. */
    private void planTargets() throws RunSetupException {
        Optional<TargetSpec> target = scenario.target();
        if (target.isEmpty() || target.get().command().isEmpty()) {
            return;
        }
        TargetSpec spec = target.get();
        try {
            bindings = TargetLauncher.bindings(scenario, spec, upstreams, System.getenv(), tlsFiles);
            for (TargetLauncher.ReplicaBindings b : bindings) {
                Optional<String> url = TargetLauncher.url(spec, b);
                launches.add(TargetLauncher.launch(spec, spec.command().get(), b, url, options.reportDir(),
                        watchdog.marker(b.replica())));
                urls.add(url);
                url.ifPresent(targetUrls::add);
            }
        } catch (IOException e) {
            throw new RunSetupException(Verdict.ERROR, "no free port for the target: " + e.getMessage());
        } catch (TemplateException e) {
            throw new RunSetupException(Verdict.INVALID, e.getMessage());
        }
    }

    /** Starts the planned replicas one by one and waits until every one is ready. */
    private void startTargets() throws TargetStartException, InterruptedException, Aborted {
        if (launches.isEmpty()) {
            return;
        }
        for (LaunchSpec launch : launches) {
            TargetReplica replica = TargetReplica.start(launch, clock, journal);
            replicas.add(replica);
            options.registry().add(replica);
            options.progress().println("  target replica " + launch.replica() + " started (pid " + replica.pid()
                    + (launch.port() > 0 ? ", port " + launch.port() : "") + ")");
        }
        awaitReady(scenario.target().orElseThrow(), bindings, urls);
    }

    private void awaitReady(TargetSpec spec, List<TargetLauncher.ReplicaBindings> bindings, List<Optional<String>> urls)
            throws TargetStartException, InterruptedException, Aborted {
        ReadinessCheck check = new ReadinessCheck(clock, journal);
        ExecutorService pool = Executors.newFixedThreadPool(replicas.size(), r -> {
            Thread t = new Thread(r, "readiness");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> waits = new ArrayList<>();
            for (int i = 0; i < replicas.size(); i++) {
                TargetReplica replica = replicas.get(i);
                String url = urls.get(i).orElse(null);
                int port = bindings.get(i).port();
                waits.add(pool.submit(() -> {
                    check.await(replica, spec.ready(), url, port);
                    return null;
                }));
            }
            for (Future<?> wait : waits) {
                while (true) {
                    if (options.control().isAborted()) {
                        throw new Aborted();
                    }
                    try {
                        wait.get(50, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        // keep waiting, but stay responsive to an abort
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof TargetStartException start) {
                            throw start;
                        }
                        throw new IllegalStateException("readiness check failed: " + e.getCause(), e.getCause());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void playTimeline() throws InterruptedException, Aborted, RunSetupException, TargetStartException {
        prepareTraffic();
        timerNoise = TimerNoiseSampler.start(clock, journal);
        long phaseStart = clock.nanos();
        startTraffic(phaseStart);
        for (PhaseSpec phase : scenario.phases()) {
            for (FakeUpstream upstream : upstreams) {
                upstream.enterPhase(phase.name(), phase.faultsFor(upstream.name()).stream()
                        .filter(rule -> rule.appliesTo(upstream.instance())).toList());
            }
            journal.append(new PhaseStarted(Math.max(phaseStart, clock.nanos()), phase.index(), phase.name()));
            options.progress().println("  phase " + phase.name() + " (" + seconds(phase.duration()) + ")"
                    + (phase.injectsFaults() ? " — faults on " + String.join(", ", phase.faults().keySet()) : ""));
            if (phase.index() == 0 && startsWithFirstPhase()) {
                // A client calls at once: started now, its first request meets phase 1's faults.
                startTargets();
            }
            for (ActionSpec action : phase.actions()) {
                if (options.control().sleep(phaseStart + action.at().toNanos() - clock.nanos())) {
                    throw new Aborted();
                }
                for (TargetReplica replica : replicas) {
                    if (action.replica().isEmpty() || action.replica().getAsInt() == replica.replica()) {
                        replica.signal(action.signal(), "action");
                    }
                }
            }
            // Phases are scheduled from the timeline's start, so time spent switching never accumulates.
            phaseStart += phase.duration().toNanos();
            if (options.control().sleep(phaseStart - clock.nanos())) {
                throw new Aborted();
            }
        }
    }

    /** Builds the load driver and the probes and warms their clients up, before the timeline starts. */
    private void prepareTraffic() throws RunSetupException {
        if (scenario.load().isPresent() || scenario.probes().isPresent()) {
            traffic = Traffic.prepare(scenario, trafficUrls(), seed, clock, journal, options.progress(), targetTls());
        }
    }

    /**
     * True when the load and the probes keep running while the targets stop at the end of the run, so
     * a shutdown check can see how the final stop went: with {@code expect.shutdown}. Otherwise they
     * stop with the last phase, before the targets are stopped.
     */
    private boolean trafficThroughStop() {
        return !scenario.expect().shutdown().isEmpty() && !replicas.isEmpty();
    }

    /**
     * Starts the load and the probes; both run through every phase, from the first phase's start. When
     * they also watch the final stop, the load's schedule runs on past the last phase for as long as the
     * stop can take (grace, KILL, a margin); it is cut off as soon as the targets are gone.
     */
    private void startTraffic(long origin) {
        Duration length = scenario.phases().stream().map(PhaseSpec::duration).reduce(Duration.ZERO, Duration::plus);
        if (trafficThroughStop()) {
            length = length.plus(stopSpec().grace()).plus(STOP_MARGIN);
        }
        traffic.start(origin, length);
    }

    private TargetTls targetTls() {
        boolean insecure = scenario.target().map(TargetSpec::insecure).orElse(false);
        return TargetTls.of(Optional.ofNullable(runTls).map(RunTls::trustStore), insecure);
    }

    /** The started replicas' urls, or the url of a target the harness does not start. */
    private List<String> trafficUrls() throws RunSetupException {
        if (!targetUrls.isEmpty()) {
            return targetUrls;
        }
        Optional<TargetSpec> target = scenario.target();
        if (target.isPresent() && target.get().command().isEmpty()) {
            try {
                TargetLauncher.ReplicaBindings bindings = TargetLauncher.bindings(scenario, target.get(), upstreams, System.getenv()).get(0);
                Optional<String> url = TargetLauncher.url(target.get(), bindings);
                if (url.isPresent()) {
                    return List.of(url.get());
                }
            } catch (TemplateException e) {
                throw new RunSetupException(Verdict.INVALID, e.getMessage());
            } catch (IOException e) {
                throw new RunSetupException(Verdict.ERROR, "cannot resolve target.url: " + e.getMessage());
            }
        }
        throw new RunSetupException(Verdict.ERROR, "load and probes need the target's url, and it has none (set target.url)");
    }

    private void endTimeline(boolean aborted) {
        if (!timelineEnded) {
            timelineEnded = true;
            if (timerNoise != null) {
                timerNoise.close();
            }
            journal.append(new RunEnded(clock.nanos(), aborted));
        }
    }

    private StopSpec stopSpec() {
        return scenario.target().map(TargetSpec::stop).orElse(StopSpec.DEFAULT);
    }

    private void stopTargets(boolean aborted) {
        new TargetStopper(options.control(), options.registry()).stopAll(replicas, stopSpec(), aborted);
    }

    private void closeUpstreams() {
        for (FakeUpstream upstream : upstreams) {
            try {
                upstream.close();
            } catch (RuntimeException e) {
                options.progress().println("  warning: fake upstream " + upstream.name() + " did not stop cleanly: " + e);
            }
        }
    }

    private RunResult finish(Verdict forced, String message) {
        List<Event> events = journal.snapshot();
        if (forced == null) {
            // Requests that never reached the target because its certificate was not trusted tested nothing.
            Optional<String> untrusted = UntrustedTarget.explain(events);
            if (untrusted.isPresent()) {
                forced = Verdict.ERROR;
                message = untrusted.get();
            }
        }
        boolean judgeable = forced == null || forced == Verdict.ABORTED;
        // HTTP-date Retry-After values are judged against the run's wall-clock start.
        List<ExpectationResult> results = judgeable
                ? Judge.all(scenario, events, Optional.of(new WallClock(clock.startEpochMillis())))
                : List.of();
        Verdict verdict = forced != null ? forced : Judge.verdict(results);
        DelayLateness lateness = DelayLateness.of(events);
        if (lateness.lagged() && (verdict == Verdict.HELD || verdict == Verdict.FAILED)) {
            verdict = Verdict.INCONCLUSIVE;
            message = lateness.explanation();
        }
        FinishedRun facts = new FinishedRun(scenario, options.displayFile(), seed, verdict, message, clock.startEpochMillis(),
                clock.nanos(), events, journal.dropped(), results, upstreamFacts(), targetFacts());
        RunReport report;
        if (folderLock != null) {
            report = ReportFiles.write(facts, options.reportDir(), options.progress());
        } else {
            // The folder is unusable or another run's: nothing is written into it.
            report = ReportAssembler.assemble(facts);
            options.progress().println("faultline: no report files were written to " + options.reportDir());
        }
        return new RunResult(report, options.reportDir(), events);
    }

    private List<FinishedRun.UpstreamFacts> upstreamFacts() {
        return PoolStats.facts(upstreams);
    }

    private List<FinishedRun.TargetFacts> targetFacts() {
        List<FinishedRun.TargetFacts> facts = new ArrayList<>();
        for (TargetReplica r : replicas) {
            facts.add(new FinishedRun.TargetFacts(r.replica(), r.launch().commandLine(), r.pid(), r.launch().port(), r.killed(),
                    r.launch().stdoutName(), r.launch().stderrName(), r.killedLate()));
        }
        return facts;
    }

    private void saveStackTrace(RuntimeException e) {
        if (folderLock == null) {
            return;
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        try {
            Files.createDirectories(options.reportDir());
            Files.writeString(options.reportDir().resolve("harness-error.log"), trace.toString());
        } catch (IOException ignored) {
            // The report itself still carries the error message.
        }
    }

    private static String seconds(Duration d) {
        return dev.faultline.report.Numbers.number(d.toMillis() / 1000.0) + " s";
    }

    /** The run was asked to stop. */
    private static final class Aborted extends Exception {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("aborted", null, false, false);
        }
    }
}
