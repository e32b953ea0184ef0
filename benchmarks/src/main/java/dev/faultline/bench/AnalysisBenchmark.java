package dev.faultline.bench;

import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.journal.PackedIds;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.Retention;
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
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Judging a run whose journal holds a million events, as {@code faultline run} does once at the end:
 * the target is half a second.
 *
 * <p>The journal is what a retrying service leaves at a fake upstream over two minutes: 3,333 calls a
 * second from 50 replicas, each call one attempt in the 30 s before and after a 60 s outage, and four
 * attempts during it (three retries after a 503 with {@code Retry-After: 1}, 1–1.5 s, 2–3 s and
 * 4–6 s apart, jittered), 999,904 request events in all. The events go through a real
 * {@link Journal} (compacted as in a run) and are judged against every retry check at once, grouped by
 * {@code X-Request-Id}: attempts per call, amplification, retry ratio, gaps and jitter, Retry-After,
 * synchronization, no-retry-on, recovery. Single-shot: each iteration is one whole judgement, as in a run.
 *
 * <p>{@link #judgeFromJournal} reads the journal in place ({@link Judge#all(Scenario, Journal, Optional)}:
 * columns straight from its compact requests); {@link #judgeFromList} judges the journal's snapshot, a
 * list of records made beforehand (a re-judged JSON journal's path, and this benchmark's before
 * 2026-12-07); {@link #snapshotForAList} measures making that list. {@link #main} judges a journal of any size once or more and prints the verdicts, the
 * times and the collections ({@code java -Xmx2g -cp benchmarks.jar dev.faultline.bench.AnalysisBenchmark 10000000 3}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
// Pre-touched: a judgement allocates about 150 MB, and until eden first fills, every allocation lands on
// pages the kernel has never handed out, which it zeroes on first touch. With a fresh 4 GB heap that lasted
// the first ten or so judgements, each 650-720 ms against 290-300 ms once the pages were in use (measured):
// the kernel's cost, not the analysis's, and not what a run pays, whose heap has cycled many times by the
// time it judges.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class AnalysisBenchmark {
    private static final long SECOND = 1_000_000_000L;
    /** The journal of the benchmark: 120 s at 3,333 calls a second. */
    static final int EVENTS = 999_904;
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

    /** The journal, held as a run holds it. */
    @State(Scope.Benchmark)
    public static class JournalState {
        Scenario scenario;
        Journal journal;

        @Setup
        public void setUp() throws IOException {
            scenario = scenario();
            journal = journal(EVENTS);
        }
    }

    /** The journal's snapshot as a list of records (the journal itself is let go). */
    @State(Scope.Benchmark)
    public static class ListState {
        Scenario scenario;
        List<Event> events;

        @Setup
        public void setUp() throws IOException {
            scenario = scenario();
            events = journal(EVENTS).snapshot();
        }
    }

    static Scenario scenario() throws IOException {
        Path dir = Files.createTempDirectory("faultline-analysis-bench");
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, SCENARIO);
        try {
            LoadOutcome loaded = new ScenarioLoader().load(file);
            if (!(loaded instanceof LoadOutcome.Loaded ok)) {
                throw new IllegalStateException("the benchmark's scenario does not load: " + loaded);
            }
            return ok.scenario();
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
    }

    /**
     * A journal of about {@code events} requests (the 1,000,000 of the benchmark make 999,904), with
     * room for all of them. Written in time order as a run writes it, without first listing the events
     * (ten million records would not fit beside the journal): the attempts still to come wait in a queue.
     */
    static Journal journal(int events) {
        // Calls a second, so that the two minutes hold about this many attempts (one a call before and
        // after the outage, four during it: 30 + 240 + 30 attempt-seconds).
        int callsPerSecond = (int) Math.round(events / 300.0);
        SplittableRandom random = new SplittableRandom(42);
        SplittableRandom ids = new SplittableRandom(7);
        Journal journal = new Journal(events + events / 10 + 16, Long.MAX_VALUE, Retention.KEEP_FIRST);
        // Events in time order, ties in the order they were made (as a stable sort of them all would give).
        PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparingLong(Pending::at).thenComparingLong(Pending::sequence));
        long sequence = 0;
        journal.append(new PhaseStarted(0, 0, "steady"));
        journal.append(new PhaseStarted(30 * SECOND, 1, "outage"));
        journal.append(new PhaseStarted(90 * SECOND, 2, "recovery"));
        long calls = 120L * callsPerSecond;
        long connection = 0;
        for (long i = 0; i < calls; i++) {
            long at = i * SECOND / callsPerSecond;
            while (!pending.isEmpty() && pending.peek().at() <= at) {
                journal.append(pending.poll().request());
            }
            int client = (int) (i % REPLICAS);
            long high = ids.nextLong() & ~0xF000L | 0x4000L;
            long low = ids.nextLong() & ~(3L << 62) | 1L << 63;
            boolean outage = at >= 30 * SECOND && at < 90 * SECOND;
            if (!outage) {
                pending.add(new Pending(at, sequence++, client, ++connection, high, low, 200));
                continue;
            }
            long t = at;
            double wait = 1.0;
            for (int attempt = 0; attempt < 4; attempt++) {
                pending.add(new Pending(t, sequence++, client, ++connection, high, low, 503));
                t += (long) ((wait + random.nextDouble() * wait / 2) * SECOND);
                wait *= 2;
            }
        }
        while (!pending.isEmpty()) {
            journal.append(pending.poll().request());
        }
        journal.append(new RunEnded(120 * SECOND, false));
        return journal;
    }

    /** An attempt not yet written: its request (with a fresh id string) is made when it is. */
    private record Pending(long at, long sequence, int client, long connection, long idHigh, long idLow, int status) {
        UpstreamRequest request() {
            String id = PackedIds.uuid(idHigh, idLow);
            return new UpstreamRequest(at, at + 1_000_000L, "api", client, connection, "POST", "/charge", id, null, null,
                    status == 200 ? null : "phase outage rule 0", status == 200 ? "route" : "respond", status, 2, -1, -1,
                    status == 200 ? null : "1", Outcome.COMPLETED);
        }
    }

    @Benchmark
    public List<ExpectationResult> judgeFromJournal(JournalState state) {
        return Judge.all(state.scenario, state.journal, Optional.empty());
    }

    @Benchmark
    public List<ExpectationResult> judgeFromList(ListState state) {
        return Judge.all(state.scenario, state.events, Optional.empty());
    }

    /**
     * Lists the journal's events as records, as judging a list needs first (and as this benchmark did
     * outside the measured judgement before 2026-12-07): what {@link #judgeFromJournal} no longer pays.
     */
    @Benchmark
    public List<Event> snapshotForAList(JournalState state) {
        return state.journal.snapshot();
    }

    /**
     * Judges a journal of {@code args[0]} events (default: the benchmark's) {@code args[1]} times (default
     * 1) from the journal in place, and prints the verdicts, each judgement's time, the collections and
     * the heap the journal holds, so a reader sees the benchmark judged what it claims.
     */
    public static void main(String[] args) throws IOException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int times = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Scenario scenario = scenario();
        long start = System.nanoTime();
        Journal journal;
        try {
            journal = journal(events);
        } catch (OutOfMemoryError e) {
            System.out.printf("does not fit: the heap (%,d MB) ran out while the journal of %,d events was written%n",
                    Runtime.getRuntime().maxMemory() >> 20, events);
            System.exit(1);
            return;
        }
        System.out.printf("journal of %,d events written in %.1f s; heap in use after a full collection: %,d MB of %,d MB%n",
                journal.size(), (System.nanoTime() - start) / 1e9, usedAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        List<ExpectationResult> results = List.of();
        for (int i = 0; i < times; i++) {
            long[] gcBefore = collections();
            start = System.nanoTime();
            try {
                results = Judge.all(scenario, journal, Optional.empty());
            } catch (OutOfMemoryError e) {
                results = List.of();
                System.out.printf("does not fit: the heap (%,d MB) ran out while judging, beside the journal's %,d MB%n",
                        Runtime.getRuntime().maxMemory() >> 20, usedAfterGc() >> 20);
                System.exit(1);
            }
            long[] gcAfter = collections();
            System.out.printf("judged in %,.0f ms%s (%d collections, %d ms in them)%n", (System.nanoTime() - start) / 1e6,
                    i == 0 ? " (first, cold)" : "", gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
        }
        results.forEach(r -> System.out.println(r.id() + " " + r.status() + ": " + r.explanation()));
    }

    private static long usedAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Collections so far and the milliseconds spent in them, over every collector. */
    private static long[] collections() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
