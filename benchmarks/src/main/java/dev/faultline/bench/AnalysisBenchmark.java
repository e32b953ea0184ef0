package dev.faultline.bench;

import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.judge.Judge;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Judging a run whose journal holds a million events, as {@code faultline run} does once at the end:
 * the design's target is one second.
 *
 * <p>The journal is what a retrying service leaves at a fake upstream over two minutes: 3,333 calls a
 * second from 50 replicas, each call one attempt in the 30 s before and after a 60 s outage, and four
 * attempts during it (three retries after a 503 with {@code Retry-After: 1}, 1–1.5 s, 2–3 s and
 * 4–6 s apart, jittered), 1,000,002 request events in all. The events go through a real
 * {@link Journal} (compacted as in a run) and its snapshot is judged against every retry check at
 * once, grouped by {@code X-Request-Id}: attempts per call, amplification, retry ratio, gaps and
 * jitter, Retry-After, synchronization, no-retry-on, recovery. Single-shot: each iteration is one
 * whole judgement, as in a run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class AnalysisBenchmark {
    private static final long SECOND = 1_000_000_000L;
    private static final int CALLS_PER_SECOND = 3_333;
    private static final int REPLICAS = 50;
    private static final String SCENARIO = """
            name: analysis benchmark
            upstreams:
              api:
                routes: [{match: {path: /charge}, respond: {status: 200}}]
            phases:
              - {name: steady, duration: 30s}
              - name: outage
                duration: 60s
                faults:
                  api: [{respond: {status: 503, headers: {Retry-After: "1"}}}]
              - {name: recovery, duration: 30s}
            expect:
              retries:
                upstream: api
                during: outage
                by: header:X-Request-Id
                max-amplification: 5
                max-attempts-per-call: 4
                max-retry-ratio: 0.5
                honor-retry-after: true
                require-jitter: true
                max-sync: 5
                no-retry-on: [400]
                max-recovery: 5s
            """;

    private Scenario scenario;
    private List<Event> events;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("faultline-analysis-bench");
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, SCENARIO);
        LoadOutcome loaded = new ScenarioLoader().load(file);
        if (!(loaded instanceof LoadOutcome.Loaded ok)) {
            throw new IllegalStateException("the benchmark's scenario does not load: " + loaded);
        }
        scenario = ok.scenario();
        events = journal();
        Files.delete(file);
        Files.delete(dir);
    }

    private static List<Event> journal() {
        SplittableRandom random = new SplittableRandom(42);
        List<Event> raw = new ArrayList<>(1_100_000);
        raw.add(new PhaseStarted(0, 0, "steady"));
        raw.add(new PhaseStarted(30 * SECOND, 1, "outage"));
        raw.add(new PhaseStarted(90 * SECOND, 2, "recovery"));
        long calls = 120L * CALLS_PER_SECOND;
        long connection = 0;
        for (long i = 0; i < calls; i++) {
            long at = i * SECOND / CALLS_PER_SECOND;
            int client = (int) (i % REPLICAS);
            String id = UUID.randomUUID().toString();
            boolean outage = at >= 30 * SECOND && at < 90 * SECOND;
            if (!outage) {
                raw.add(request(at, client, ++connection, id, 200, null));
                continue;
            }
            long t = at;
            double wait = 1.0;
            for (int attempt = 0; attempt < 4; attempt++) {
                raw.add(request(t, client, ++connection, id, 503, "1"));
                t += (long) ((wait + random.nextDouble() * wait / 2) * SECOND);
                wait *= 2;
            }
        }
        raw.add(new RunEnded(120 * SECOND, false));
        raw.sort(Comparator.comparingLong(Event::atNanos));
        Journal journal = new Journal(raw.size());
        raw.forEach(journal::append);
        return journal.snapshot();
    }

    private static UpstreamRequest request(long at, int client, long connection, String id, int status, String retryAfter) {
        return new UpstreamRequest(at, at + 1_000_000L, "api", client, connection, "POST", "/charge", id, null, null,
                status == 200 ? null : "phase outage rule 0", status == 200 ? "route" : "respond", status, 2, -1, -1,
                retryAfter, Outcome.COMPLETED);
    }

    @Benchmark
    public List<ExpectationResult> judgeEveryRetryCheck() {
        return Judge.all(scenario, events, Optional.empty());
    }

    /** Prints the verdicts once, so a reader sees the benchmark judged what it claims. */
    public static void main(String[] args) throws IOException {
        AnalysisBenchmark bench = new AnalysisBenchmark();
        bench.setUp();
        long start = System.nanoTime();
        List<ExpectationResult> results = bench.judgeEveryRetryCheck();
        System.out.printf("%,d events judged in %.0f ms (first, cold)%n", bench.events.size(), (System.nanoTime() - start) / 1e6);
        results.forEach(r -> System.out.println(r.id() + " " + r.status() + ": " + r.explanation()));
    }
}
