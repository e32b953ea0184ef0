package dev.faultline.journal;

import dev.faultline.journal.UpstreamRequest.Outcome;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CompactUpstreamRequestTest {
    private static final String UUID_ID = "3f2b8c1e-9d4a-4e7b-8c2d-1a0b9c8d7e6f";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final StringPool pool = new StringPool();

    private static UpstreamRequest request(String requestId, String traceparent, String idempotencyKey, int status, Outcome outcome) {
        return new UpstreamRequest(1_500_000_123L, 1_750_000_456L, "payments", 1, 3L, "POST", "/charge",
                requestId, traceparent, idempotencyKey, "outage/payments[0]", "respond", status, 11L,
                250_000_000L, 250_400_000L, "2", outcome);
    }

    private UpstreamRequest roundTrip(UpstreamRequest request) {
        return CompactUpstreamRequest.of(request, pool).toEvent();
    }

    @Test
    void aTypicalRequestComesBackEqual() {
        UpstreamRequest typical = request(UUID_ID, TRACEPARENT, UUID.randomUUID().toString(), 503, Outcome.COMPLETED);
        assertThat(roundTrip(typical)).isEqualTo(typical);
    }

    @Test
    void theRateLimitFieldSentComesBackShared() {
        UpstreamRequest a = new UpstreamRequest(1, 2, "api", 0, 1, "GET", "/", null, null, null, "busy/api[0]", "rate-limit",
                429, 0, -1, -1, "1", new String("\"default\";r=0;t=1"), Outcome.COMPLETED);
        UpstreamRequest b = new UpstreamRequest(3, 4, "api", 1, 2, "GET", "/", null, null, null, "busy/api[0]", "rate-limit",
                429, 0, -1, -1, "1", new String("\"default\";r=0;t=1"), Outcome.COMPLETED);

        assertThat(roundTrip(a)).isEqualTo(a);
        assertThat(roundTrip(b).rateLimit()).isSameAs(roundTrip(a).rateLimit());
    }

    @Test
    void idsThatAreNotInCanonicalFormAreKeptAsTheyWere() {
        for (String odd : new String[] {"req-1", UUID_ID.toUpperCase(), UUID_ID.replace('-', '_'), UUID_ID + " ", "",
                "3f2b8c1e-9d4a-4e7b-8c2d-1a0b9c8d7e6g"}) {
            UpstreamRequest request = request(odd, odd, odd, 200, Outcome.COMPLETED);
            assertThat(roundTrip(request)).as("ids %s", odd).isEqualTo(request);
        }
        for (String oddTrace : new String[] {TRACEPARENT.toUpperCase(), TRACEPARENT + "-extra", TRACEPARENT.replace("-01", ".01")}) {
            UpstreamRequest request = request(UUID_ID, oddTrace, null, 200, Outcome.COMPLETED);
            assertThat(roundTrip(request)).isEqualTo(request);
        }
    }

    @Test
    void extremeIdsSurviveBitForBit() {
        for (String id : new String[] {"00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"}) {
            String trace = "ff-" + id.replace("-", "") + "-" + id.replace("-", "").substring(0, 16) + "-ff";
            UpstreamRequest request = request(id, trace, id, 200, Outcome.COMPLETED);
            assertThat(roundTrip(request)).isEqualTo(request);
        }
    }

    @Test
    void absentFieldsEveryOutcomeAndEveryStatusComeBack() {
        for (Outcome outcome : Outcome.values()) {
            for (int status : new int[] {0, 100, 200, 429, 599, 1023}) {
                UpstreamRequest request = new UpstreamRequest(0, -1, "u", -1, 0, "GET", "/", null, null, null, null,
                        "route", status, 0, -1, -1, null, outcome);
                assertThat(roundTrip(request)).isEqualTo(request);
            }
        }
    }

    @Test
    void aStatusOutsideTenBitsOrNoOutcomeIsNotCompacted() {
        assertThat(CompactUpstreamRequest.of(request(UUID_ID, null, null, 1024, Outcome.COMPLETED), pool)).isNull();
        assertThat(CompactUpstreamRequest.of(request(UUID_ID, null, null, -1, Outcome.COMPLETED), pool)).isNull();
        assertThat(CompactUpstreamRequest.of(request(UUID_ID, null, null, 200, null), pool)).isNull();
    }

    @Test
    void repeatedStringsAreSharedAcrossEvents() {
        UpstreamRequest first = request(UUID_ID, null, null, 200, Outcome.COMPLETED);
        UpstreamRequest second = new UpstreamRequest(2, 3, new String("payments"), 0, 4, new String("POST"),
                new String("/charge"), null, null, null, new String("outage/payments[0]"), new String("respond"), 200, 0, -1, -1,
                new String("2"), Outcome.COMPLETED);
        UpstreamRequest a = roundTrip(first);
        UpstreamRequest b = roundTrip(second);
        assertThat(b.path()).isSameAs(a.path());
        assertThat(b.upstream()).isSameAs(a.upstream());
        assertThat(b.method()).isSameAs(a.method());
        assertThat(b.rule()).isSameAs(a.rule());
        assertThat(b.effect()).isSameAs(a.effect());
        assertThat(b.retryAfter()).isSameAs(a.retryAfter());
    }

    @Test
    void thePoolStopsGrowingAtItsBoundAndThenKeepsStringsAsGiven() {
        for (int i = 0; i < StringPool.MAX_ENTRIES; i++) {
            pool.share("/items/" + i);
        }
        String late = new String("/items/late");
        assertThat(pool.share(late)).isSameAs(late);
        assertThat(pool.share(new String("/items/7"))).isEqualTo("/items/7").isSameAs(pool.share("/items/7"));
    }

    @Test
    void readInPlaceItGivesTheRecordsFactsAndItsIdsAsTheLongsOfTheirText() {
        UpstreamRequest typical = request(UUID_ID, TRACEPARENT, UUID_ID, 0, Outcome.FAULTED);
        UpstreamRequest odd = request("req-1", TRACEPARENT.toUpperCase(), null, 429, Outcome.COMPLETED);
        for (UpstreamRequest record : new UpstreamRequest[] {typical, odd}) {
            UpstreamRequestView view = CompactUpstreamRequest.of(record, pool);
            assertThat(view.toRecord()).isEqualTo(record);
            assertThat(new Object[] {view.atNanos(), view.endNanos(), view.upstream(), view.client(), view.method(), view.path(),
                    view.requestId(), view.traceparent(), view.idempotencyKey(), view.rule(), view.effect(), view.status(),
                    view.delayPlannedNanos(), view.delayAchievedNanos(), view.retryAfter(), view.outcome(), view.instance(),
                    view.stream(), view.failed(), view.faultedOrDependencyFailed(), view.hasRequestId(), view.hasTraceparent(),
                    view.hasIdempotencyKey()})
                    .containsExactly(record.atNanos(), record.endNanos(), record.upstream(), record.client(), record.method(),
                            record.path(), record.requestId(), record.traceparent(), record.idempotencyKey(), record.rule(),
                            record.effect(), record.status(), record.delayPlannedNanos(), record.delayAchievedNanos(),
                            record.retryAfter(), record.outcome(), record.instance(), record.stream(), record.failed(),
                            record.faultedOrDependencyFailed(), record.requestId() != null, record.traceparent() != null,
                            record.idempotencyKey() != null);
        }
        UpstreamRequestView packed = CompactUpstreamRequest.of(typical, pool);
        assertThat(packed.requestIdPacked()).isTrue();
        assertThat(new long[] {packed.requestIdHigh(), packed.requestIdLow()})
                .containsExactly(PackedIds.uuidHigh(UUID_ID), PackedIds.uuidLow(UUID_ID));
        assertThat(packed.traceparentPacked()).isTrue();
        String traceId = TRACEPARENT.substring(3, 35);
        assertThat(PackedIds.isTraceId(traceId)).isTrue();
        assertThat(new long[] {packed.traceIdHigh(), packed.traceIdLow()})
                .containsExactly(PackedIds.traceIdHighOf(traceId), PackedIds.traceIdLowOf(traceId));
        UpstreamRequestView kept = CompactUpstreamRequest.of(odd, pool);
        assertThat(kept.requestIdPacked()).isFalse();
        assertThat(kept.traceparentPacked()).isFalse();
        assertThat(kept.idempotencyKeyPacked()).isFalse();
    }

    @Test
    void theJournalIsVisitedInPlaceInAppendOrder() {
        Journal journal = new Journal(10);
        UpstreamRequest first = request(UUID_ID, null, null, 503, Outcome.COMPLETED);
        PhaseStarted phase = new PhaseStarted(0, 0, "steady");
        journal.append(first);
        journal.append(phase);
        java.util.List<Object> seen = new java.util.ArrayList<>();
        journal.forEachHeld(new Journal.HeldVisitor() {
            @Override
            public void request(UpstreamRequestView request) {
                seen.add(request);
            }

            @Override
            public void event(Event event) {
                seen.add(event);
            }
        });
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isInstanceOf(CompactUpstreamRequest.class);
        assertThat(((UpstreamRequestView) seen.get(0)).toRecord()).isEqualTo(first);
        assertThat(seen.get(1)).isEqualTo(phase);
    }
}
