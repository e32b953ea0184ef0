package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.Retention;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.FakeUpstream;
import dev.faultline.upstream.UpstreamOptions;
import dev.faultline.upstream.UpstreamStats;
import dev.faultline.upstream.control.ControlTarget;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.tls.RunTls;
import dev.faultline.upstream.tls.TlsFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code faultline serve}: the fake upstreams of a scenario alone, for systems already running
 * elsewhere. Plays the phases in order, then holds the last one until stopped; the control API can
 * switch to any phase (which stops the automatic timeline), read the journal and reset it.
 * Threadsafe: the control API calls it from its own threads.
 */
public final class ServeSession implements ControlTarget, AutoCloseable {
    private final Scenario scenario;
    private final long seed;
    private final RunClock clock = RunClock.startingNow();
    private final Journal journal;
    private final List<FakeUpstream> upstreams = new ArrayList<>();
    private final PrintWriter progress;
    private final Object lock = new Object();
    private PhaseSpec phase;
    private long phaseStartNanos;
    private String mode = "starting";
    private boolean manual;
    private final Map<String, UpstreamStats> baseline = new HashMap<>();

    private ServeSession(Scenario scenario, long seed, long journalMaxBytes, PrintWriter progress) {
        this.scenario = scenario;
        this.seed = seed;
        this.progress = progress;
        // serve runs as long as its user likes: keep what just happened, evict the oldest
        this.journal = new Journal(scenario.journalCap(), journalMaxBytes, Retention.KEEP_LAST);
    }

    /**
     * Starts the scenario's upstreams, one port each, on {@code host}.
     *
     * @param journalMaxBytes the journal's byte bound (its count bound is the scenario's); past either
     *                        the oldest events are evicted
     * @throws IOException if an upstream cannot listen; upstreams already started are closed
     */
    public static ServeSession start(Scenario scenario, long seed, String host, long journalMaxBytes, PrintWriter progress)
            throws IOException {
        return start(scenario, seed, host, journalMaxBytes, progress, System::getenv);
    }

    /**
     * Like {@link #start(Scenario, long, String, long, PrintWriter)}, resolving proxy upstreams'
     * {@code ${env.VAR}} references from {@code env}.
     *
     * @throws dev.faultline.scenario.template.TemplateException if a proxy url's variable is not set
     *                                                          or it does not resolve to a URL
     */
    public static ServeSession start(Scenario scenario, long seed, String host, long journalMaxBytes, PrintWriter progress,
                                     java.util.function.Function<String, String> env) throws IOException {
        Map<String, UpstreamSpec> specs = ProxyUrls.resolve(scenario, env);
        ServeSession session = new ServeSession(scenario, seed, journalMaxBytes, progress);
        UpstreamOptions options = new UpstreamOptions(1, host, session.journal, session.clock, seed);
        try {
            RunTls tls = serveTls(scenario, progress);
            for (UpstreamSpec spec : specs.values()) {
                try {
                    session.upstreams.add(FakeUpstream.start(spec, options, tls));
                } catch (IOException e) {
                    throw new IOException("fake upstream " + spec.name() + " could not listen on "
                            + (spec.port() == 0 ? "a free port" : "port " + spec.port()) + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    // serve has no report folder: a TLS upstream's authority goes to a fresh temporary folder, named on progress.
    private static RunTls serveTls(Scenario scenario, PrintWriter progress) throws IOException {
        if (scenario.upstreams().values().stream().noneMatch(spec -> spec.tls().isPresent())) {
            return null;
        }
        RunTls tls = RunTls.create();
        TlsFiles files = tls.writeTo(Files.createTempDirectory("faultline-tls-"));
        progress.println("  certificate authority (trust it in your client): " + files.caFile());
        progress.flush();
        return tls;
    }

    /** The real dependency an upstream forwards its unrouted requests to, if it is a proxy upstream. */
    public java.util.Optional<java.net.URI> proxiesTo(String upstream) {
        return upstreams.stream().filter(u -> u.name().equals(upstream)).findFirst().flatMap(FakeUpstream::proxiesTo);
    }

    /** Name and url of every upstream, in file order. */
    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        upstreams.forEach(u -> urls.put(u.name(), u.url(0)));
        return urls;
    }

    /**
     * Plays the phases in order, then holds the last one; returns when {@code control} is aborted.
     * A phase switched in through the control API stops the automatic timeline.
     */
    public void play(RunControl control) throws InterruptedException {
        long next = clock.nanos();
        List<PhaseSpec> phases = scenario.phases();
        for (int i = 0; i < phases.size(); i++) {
            synchronized (lock) {
                if (manual) {
                    break;
                }
                enter(phases.get(i), i == phases.size() - 1 ? "holding the last phase" : "playing");
            }
            if (i == phases.size() - 1) {
                progress.println("  holding phase " + phases.get(i).name() + " until stopped (Ctrl-C)");
                break;
            }
            next += phases.get(i).duration().toNanos();
            if (control.sleep(next - clock.nanos())) {
                return;
            }
        }
        while (!control.sleep(Long.MAX_VALUE / 4)) {
            // held until aborted
        }
    }

    // Callers hold the lock.
    private void enter(PhaseSpec next, String newMode) {
        for (FakeUpstream upstream : upstreams) {
            upstream.enterPhase(next.name(), next.faultsFor(upstream.name()));
        }
        phase = next;
        phaseStartNanos = clock.nanos();
        mode = newMode;
        journal.append(new PhaseStarted(phaseStartNanos, next.index(), next.name()));
        progress.println("  phase " + next.name() + (newMode.equals("playing") ? " (" + next.duration().toMillis() / 1000.0 + " s)" : ""));
        progress.flush();
    }

    @Override
    public Map<String, Object> status() {
        synchronized (lock) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("scenario", scenario.name());
            status.put("seed", seed);
            status.put("uptimeSeconds", clock.nanos() / 1e9);
            Map<String, Object> current = new LinkedHashMap<>();
            current.put("name", phase == null ? null : phase.name());
            current.put("index", phase == null ? null : phase.index());
            current.put("sinceSeconds", phase == null ? null : (clock.nanos() - phaseStartNanos) / 1e9);
            status.put("phase", current);
            status.put("timeline", mode);
            status.put("phases", scenario.phases().stream().map(PhaseSpec::name).toList());
            List<Map<String, Object>> ups = new ArrayList<>();
            for (FakeUpstream upstream : upstreams) {
                UpstreamStats stats = upstream.stats();
                UpstreamStats before = baseline.get(upstream.name());
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("name", upstream.name());
                u.put("url", upstream.url(0));
                u.put("requests", stats.requests() - (before == null ? 0 : before.requests()));
                Map<String, Long> byStatus = new LinkedHashMap<>();
                stats.byStatus().forEach((code, n) -> {
                    long earlier = before == null ? 0 : before.byStatus().getOrDefault(code, 0L);
                    if (n - earlier > 0) {
                        byStatus.put(code == 0 ? "none" : String.valueOf(code), n - earlier);
                    }
                });
                u.put("byStatus", byStatus);
                ups.add(u);
            }
            status.put("upstreams", ups);
            Map<String, Object> journalStatus = new LinkedHashMap<>();
            journalStatus.put("events", journal.size());
            journalStatus.put("evicted", journal.dropped());
            journalStatus.put("bytes", journal.bytes());
            journalStatus.put("capacity", journal.capacity());
            journalStatus.put("maxBytes", journal.maxBytes());
            journalStatus.put("firstSequence", journal.firstSequence());
            journalStatus.put("endSequence", journal.endSequence());
            status.put("journal", journalStatus);
            return status;
        }
    }

    @Override
    public void switchPhase(String name) {
        PhaseSpec target = scenario.phase(name).orElseThrow(() -> new IllegalArgumentException("no phase named \"" + name
                + "\" (phases: " + scenario.phases().stream().map(PhaseSpec::name).collect(Collectors.joining(", ")) + ")"));
        synchronized (lock) {
            manual = true;
            enter(target, "held by the control API");
        }
    }

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public void reset() {
        synchronized (lock) {
            journal.clear();
            for (FakeUpstream upstream : upstreams) {
                baseline.put(upstream.name(), upstream.stats());
            }
        }
    }

    /** The events the journal holds, in time order (for writing {@code journal.jsonl} at the end). */
    public List<Event> events() {
        return journal.snapshot();
    }

    @Override
    public void close() {
        for (FakeUpstream upstream : upstreams) {
            try {
                upstream.close();
            } catch (RuntimeException e) {
                progress.println("  warning: fake upstream " + upstream.name() + " did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
