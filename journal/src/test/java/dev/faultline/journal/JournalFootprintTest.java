package dev.faultline.journal;

import dev.faultline.journal.UpstreamRequest.Outcome;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a journal event costs on the heap, measured: the heap in use after a full collection, before
 * and after appending a few hundred thousand realistic events. The events are built as the fake
 * upstream builds them, with fresh strings for everything Jetty parses (the path, the ids), so
 * nothing is shared by accident that would not be shared in a run.
 */
class JournalFootprintTest {
    private static final int EVENTS = 200_000;
    /** The budget from the design: the journal of a million events must fit in 200 MB. */
    private static final long BUDGET_BYTES_PER_EVENT = 200;
    private static final System.Logger LOG = System.getLogger(JournalFootprintTest.class.getName());

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    /** A GET on a route's path with a fresh UUID X-Request-Id and W3C traceparent, no idempotency key. */
    private static UpstreamRequest typicalGet(int i, SplittableRandom random) {
        long at = 1_000_000_000L + i * 1_000_000L;
        String traceparent = "00-" + hex(random.nextLong()) + hex(random.nextLong()) + "-" + hex(random.nextLong()) + "-01";
        return new UpstreamRequest(at, at + 2_500_000L, "payments", i % 4, 1 + i / 10, "GET",
                new String("/api/v1/orders"), UUID.randomUUID().toString(), traceparent, null,
                null, "route", 200, 17, -1, -1, null, Outcome.COMPLETED);
    }

    /** A POST answered by a fault rule, with a UUID Idempotency-Key as well. */
    private static UpstreamRequest faultedPost(int i, SplittableRandom random) {
        long at = 1_000_000_000L + i * 1_000_000L;
        String traceparent = "00-" + hex(random.nextLong()) + hex(random.nextLong()) + "-" + hex(random.nextLong()) + "-01";
        return new UpstreamRequest(at, at + 2_500_000L, "payments", i % 4, 1 + i / 10, "POST",
                new String("/charge"), UUID.randomUUID().toString(), traceparent, UUID.randomUUID().toString(),
                "outage/payments[0]", "respond", 503, 0, 120_000_000L, 120_300_000L, new String("2"), Outcome.COMPLETED);
    }

    private static String hex(long value) {
        return String.format("%016x", value);
    }

    @Test
    void aTypicalRequestEventCostsAtMost200BytesOfHeap() {
        double bytes = retainedBytesPerEvent(false);
        LOG.log(System.Logger.Level.INFO, "journal: {0} bytes retained per typical event", String.format("%.1f", bytes));
        assertThat(bytes).isLessThanOrEqualTo(BUDGET_BYTES_PER_EVENT);
    }

    @Test
    void aFaultedPostWithAnIdempotencyKeyStaysWithinTheBudgetToo() {
        double bytes = retainedBytesPerEvent(true);
        LOG.log(System.Logger.Level.INFO, "journal: {0} bytes retained per faulted POST event", String.format("%.1f", bytes));
        assertThat(bytes).isLessThanOrEqualTo(BUDGET_BYTES_PER_EVENT);
    }

    @Test
    void theByteBoundsEstimateIsWithinTenPercentOfTheHeapRetainedForTypicalAndLongPathEvents() {
        SplittableRandom random = new SplittableRandom(42);
        for (boolean longPaths : new boolean[] {false, true}) {
            int events = longPaths ? 20_000 : EVENTS;
            long before = heapUsedAfterFullCollection();
            Journal journal = new Journal(EVENTS);
            for (int i = 0; i < events; i++) {
                UpstreamRequest typical = typicalGet(i, random);
                journal.append(!longPaths ? typical : new UpstreamRequest(typical.atNanos(), typical.endNanos(), "payments",
                        0, 1, "GET", "/orders/" + i + "/" + "p".repeat(2_048), typical.requestId(), typical.traceparent(),
                        null, null, "route", 200, 17, -1, -1, null, Outcome.COMPLETED));
            }
            long retained = heapUsedAfterFullCollection() - before;
            LOG.log(System.Logger.Level.INFO, "journal ({0}): {1} bytes estimated, {2} retained per event",
                    longPaths ? "2 KB paths" : "typical", journal.bytes() / events, retained / events);
            assertThat((double) journal.bytes()).as(longPaths ? "2 KB paths" : "typical")
                    .isBetween(retained * 0.9, retained * 1.1);
            Reference.reachabilityFence(journal);
        }
    }

    private double retainedBytesPerEvent(boolean faultedPosts) {
        SplittableRandom random = new SplittableRandom(42);
        long before = heapUsedAfterFullCollection();
        Journal journal = new Journal(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            journal.append(faultedPosts ? faultedPost(i, random) : typicalGet(i, random));
        }
        long after = heapUsedAfterFullCollection();
        assertThat(journal.offered()).isEqualTo(EVENTS);
        Reference.reachabilityFence(journal);
        return (after - before) / (double) EVENTS;
    }

    /** Heap in use once collections stop finding garbage (the smallest of a few full collections). */
    private long heapUsedAfterFullCollection() {
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 4; attempt++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
