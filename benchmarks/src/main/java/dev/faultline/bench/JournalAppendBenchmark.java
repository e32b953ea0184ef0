package dev.faultline.bench;

import dev.faultline.journal.Journal;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Appending one event to the journal, as the fake upstream does once per request.
 *
 * <p>{@link #appendRequest()} appends a typical request event (a GET with a fresh UUID request id
 * and traceparent), which the journal turns into its compact form: pooling the repeated strings,
 * packing the ids into longs. {@link #appendPhaseStarted()} appends an event kept as it is, so the
 * difference is what compaction costs. The events are built in advance (their strings fresh, as
 * Jetty's parser makes them) and cycled; building them is the request path's cost, not the
 * journal's.
 *
 * <p>A journal only grows, which is no steady state. So each journal holds a fixed number of
 * events and is replaced by an empty one when full: a ring of fixed capacity, as the JMH advice for
 * growing structures goes. {@code -prof gc} then reports what an append keeps on the heap (the
 * compact event and its share of the journal's chunk arrays). The capacity is swept: a small
 * journal shows the append's own work; a journal of a million events adds what the collector
 * pays to copy events that stay alive, which is the price of keeping them at all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class JournalAppendBenchmark {
    private static final int EVENTS = 4096;

    /** Events a journal holds before it is replaced by an empty one. */
    @Param({"4096", "1048576"})
    public int capacity;

    private UpstreamRequest[] requests;
    private PhaseStarted[] phases;
    private Journal journal;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        requests = new UpstreamRequest[EVENTS];
        phases = new PhaseStarted[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            long at = 1_000_000_000L + i * 1_000_000L;
            String traceparent = String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong());
            requests[i] = new UpstreamRequest(at, at + 2_500_000L, "payments", i % 4, 1 + i / 10, "GET",
                    new String("/api/v1/orders"), UUID.randomUUID().toString(), traceparent, null,
                    null, "route", 200, 17, -1, -1, null, Outcome.COMPLETED);
            phases[i] = new PhaseStarted(at, i, "phase");
        }
        journal = new Journal(capacity);
        next = 0;
    }

    @Benchmark
    public boolean appendRequest() {
        return journalWithRoom().append(requests[next++ & (EVENTS - 1)]);
    }

    @Benchmark
    public boolean appendPhaseStarted() {
        return journalWithRoom().append(phases[next++ & (EVENTS - 1)]);
    }

    private Journal journalWithRoom() {
        if (journal.offered() >= capacity) {
            journal = new Journal(capacity);
        }
        return journal;
    }
}
