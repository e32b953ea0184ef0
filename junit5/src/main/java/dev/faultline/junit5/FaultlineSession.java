package dev.faultline.junit5;

import dev.faultline.analysis.fairness.FairnessJudge;
import dev.faultline.analysis.latency.LatencyJudge;
import dev.faultline.analysis.retry.RetryJudge;
import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.Retention;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.RunClock;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Expectations;
import dev.faultline.scenario.Expectations.FairnessExpectation;
import dev.faultline.scenario.Expectations.LatencyExpectation;
import dev.faultline.scenario.Expectations.RetryExpectation;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.FakeUpstream;
import dev.faultline.upstream.UpstreamOptions;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The running fake upstreams of one scenario, without its target (as {@code faultline serve} runs them)
 * and without a timeline: the test puts phases and faults in force. Every change of faults appends a
 * phase event to the journal, so the judges see the windows the test made as the phases of a run.
 * Threadsafe.
 */
final class FaultlineSession implements Faultline, AutoCloseable {
    private final Scenario scenario;
    private final RunClock clock = RunClock.startingNow();
    /**
     * When the last reset happened: an exchange that arrived before it belongs to the test before, even when
     * the upstream records it later (a hung or delayed exchange ends when its connection closes).
     */
    private volatile long resetAtNanos;
    private final Journal journal;
    private final Map<String, FakeUpstream> upstreams = new LinkedHashMap<>();
    /** The certificate authority, made when the first upstream speaking TLS starts; null until then. */
    private SessionTls tls;
    /** The scenario's phases, then the windows {@link #inject} made, in the order they were made. */
    private final List<PhaseSpec> phases;
    private static final Duration QUIET = Duration.ofMillis(50);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(2);
    private final Object lock = new Object();
    private PhaseSpec current;
    private int injections;

    private FaultlineSession(Scenario scenario) {
        this.scenario = scenario;
        this.phases = new ArrayList<>(scenario.phases());
        // keep the first events when full: judging a journal whose start was evicted would judge a part as the whole
        this.journal = new Journal(scenario.journalCap(), scenario.journalMaxBytes(), Retention.KEEP_FIRST);
    }

    /**
     * Starts the scenario's upstreams on loopback, each on its own port (a free one unless the file fixes
     * it), and puts its first phase in force.
     */
    static FaultlineSession start(Scenario scenario, long seed) {
        FaultlineSession session = new FaultlineSession(scenario);
        UpstreamOptions options = UpstreamOptions.loopback(1, session.journal, session.clock, seed);
        try {
            for (UpstreamSpec spec : scenario.upstreams().values()) {
                if (spec.instances() > 1) {
                    // Refused rather than served as one instance, which would look like a pool that balances perfectly.
                    throw new IllegalStateException("upstream " + spec.name() + " has instances: " + spec.instances()
                            + ", but the JUnit 5 extension starts one instance per upstream (run pools with faultline run)");
                }
                try {
                    if (spec.tls().isPresent() && session.tls == null) {
                        session.tls = SessionTls.create();
                    }
                    session.upstreams.put(spec.name(), FakeUpstream.start(spec, options,
                            spec.tls().isPresent() ? session.tls.tls : null));
                } catch (IOException e) {
                    throw new IllegalStateException("fake upstream " + spec.name() + " could not listen on "
                            + (spec.port() == 0 ? "a free port" : "port " + spec.port()) + ": " + e.getMessage(), e);
                }
            }
            synchronized (session.lock) {
                session.enter(scenario.phases().get(0));
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    @Override
    public String url(String upstream) {
        return requireUpstream(upstream).url(0);
    }

    @Override
    public dev.faultline.upstream.tls.TlsFiles tlsFiles() {
        return requireTls("tlsFiles").files;
    }

    @Override
    public javax.net.ssl.SSLContext sslContext() {
        return requireTls("sslContext").sslContext();
    }

    private SessionTls requireTls(String what) {
        if (tls == null) {
            throw new IllegalStateException(what + "() needs an upstream that speaks TLS, and none of " + upstreams.keySet()
                    + " does (declare it with Upstream.named(...).tls(), or tls: true in the scenario file)");
        }
        return tls;
    }

    @Override
    public void phase(String name) {
        PhaseSpec target = scenario.phase(name).orElseThrow(() -> new IllegalArgumentException("no phase named \"" + name
                + "\" in " + scenario.name() + " (phases: " + scenario.phases().stream().map(PhaseSpec::name)
                .collect(Collectors.joining(", ")) + ")"));
        synchronized (lock) {
            enter(target);
        }
    }

    @Override
    public void inject(String upstream, Fault... faults) {
        requireUpstream(upstream);
        synchronized (lock) {
            injections++;
            String name = uniqueName("inject-" + injections);
            Map<String, List<FaultRule>> rules = new LinkedHashMap<>(current.faults());
            List<FaultRule> own = new ArrayList<>();
            for (int i = 0; i < faults.length; i++) {
                own.add(faults[i].toRule(name + "/" + upstream + "[" + i + "]"));
            }
            rules.put(upstream, List.copyOf(own));
            // The phase lasts until the test changes faults again; its length comes from the journal's phase events.
            PhaseSpec window = new PhaseSpec(phases.size(), name, Duration.ZERO, rules, List.of());
            phases.add(window);
            enter(window);
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            resetAtNanos = clock.nanos();
            journal.clear();
            // the windows of earlier tests go with their journal: each test's first inject is inject-1 again
            phases.clear();
            phases.addAll(scenario.phases());
            injections = 0;
            enter(scenario.phases().get(0));
        }
    }

    @Override
    public Expect expect() {
        return new Expect(this);
    }

    @Override
    public List<Event> journal() {
        settle();
        return sinceReset();
    }

    private List<Event> sinceReset() {
        long since = resetAtNanos;
        List<Event> all = journal.snapshot();
        return since == 0 ? all : all.stream().filter(e -> e.atNanos() >= since).toList();
    }

    /**
     * Waits until no event was recorded for {@link #QUIET} (at most {@link #SETTLE_LIMIT}). An upstream
     * records an exchange once its response is written, so a client can read the response and the test
     * read the journal a moment before the record of that very request is in; without this wait the last
     * request of a test would now and then be missing from its judgement.
     */
    private void settle() {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        long offered = journal.offered();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = journal.offered();
            if (now != offered) {
                offered = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                return;
            }
        }
    }

    /** Judges one retry expectation on the journal, as {@code faultline run} would with it in the file. */
    FaultlineVerdict judge(RetryExpectation expectation) {
        return judge(new Expectations(List.of(expectation), List.of(), List.of(), List.of(), List.of()), RetryJudge::judge);
    }

    /** Judges one latency expectation on the calls the test timed with {@link #call}. */
    FaultlineVerdict judge(LatencyExpectation expectation) {
        return judge(new Expectations(List.of(), List.of(), List.of(), List.of(), List.of(expectation)), LatencyJudge::judge);
    }

    /** Judges one fairness expectation at an upstream. */
    FaultlineVerdict judge(FairnessExpectation expectation) {
        return judge(new Expectations(List.of(), List.of(), List.of(), List.of(expectation), List.of()),
                (scenario, events) -> FairnessJudge.judge(scenario, events, Optional.empty()));
    }

    /**
     * Judges these expectations with this judge, on the scenario as the test played it: its phases
     * followed by the windows {@link #inject} opened.
     */
    private FaultlineVerdict judge(Expectations expectations, BiFunction<Scenario, List<Event>, List<ExpectationResult>> judge) {
        Scenario judged;
        List<Event> events;
        long dropped;
        settle();
        synchronized (lock) {
            judged = new Scenario(scenario.file(), scenario.name(), scenario.description(), scenario.seed(), scenario.upstreams(),
                    Optional.empty(), Optional.empty(), Optional.empty(), phases,
                    expectations, scenario.journalCap(), scenario.journalMaxBytes(), List.of());
            events = new ArrayList<>(sinceReset());
            // the test's run ends now, for the judges: the last window closes here, not at the last event
            events.add(new RunEnded(clock.nanos(), false));
            dropped = journal.dropped();
        }
        List<ExpectationResult> results = judge.apply(judged, events);
        if (dropped > 0) {
            String why = "the journal was full (" + journal.capacity() + " events): " + dropped
                    + " later events were not recorded, so the client's behaviour was only partly seen (call fl.reset() between parts, or raise journal.max-events)";
            results = results.stream().map(r -> r.status() == CheckStatus.FAILED ? r
                    : new ExpectationResult(r.id(), r.kind(), CheckStatus.INCONCLUSIVE, false, r.measured(), r.limit(), r.comparison(),
                    r.unit(), r.measuredText(), r.limitText(), why)).toList();
        }
        return FaultlineVerdict.of(results);
    }

    @Override
    public UpstreamJournal journal(String upstream) {
        requireUpstream(upstream);
        return UpstreamJournal.of(upstream, journal());
    }

    @Override
    public <T> T call(Callable<T> call) throws Exception {
        long start = clock.nanos();
        try {
            T result = call.call();
            record(start, CallOutcome.RESPONSE, null);
            return result;
        } catch (Exception | Error e) {
            record(start, CallOutcome.OTHER, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    /**
     * One call the test made, as a load result: sent when it started (the test sends no schedule, so
     * intended and actual send times are the same), status 200 standing for "returned" so the latency
     * judge counts it a success.
     */
    private void record(long start, CallOutcome outcome, String error) {
        journal.append(new LoadResult(start, start, clock.nanos(), 0, null, "CALL", "", null,
                outcome == CallOutcome.RESPONSE ? 200 : 0, outcome, error));
    }

    FakeUpstream requireUpstream(String name) {
        FakeUpstream upstream = upstreams.get(name);
        if (upstream == null) {
            throw new IllegalArgumentException("no upstream named \"" + name + "\" (upstreams: " + String.join(", ", upstreams.keySet()) + ")");
        }
        return upstream;
    }

    /** The ports the upstreams listen on, for tests of the lifecycle. */
    List<Integer> ports() {
        return upstreams.values().stream().flatMap(u -> u.ports().stream()).toList();
    }

    // Callers hold the lock.
    private void enter(PhaseSpec next) {
        for (FakeUpstream upstream : upstreams.values()) {
            upstream.enterPhase(next.name(), next.faultsFor(upstream.name()));
        }
        current = next;
        journal.append(new PhaseStarted(clock.nanos(), next.index(), next.name()));
    }

    private String uniqueName(String wanted) {
        String name = wanted;
        int n = 1;
        while (true) {
            String candidate = name;
            if (phases.stream().noneMatch(p -> p.name().equals(candidate))) {
                return candidate;
            }
            name = wanted + "-" + ++n;
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (FakeUpstream upstream : upstreams.values()) {
            try {
                upstream.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (tls != null) {
            tls.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
