package dev.faultline.journal;

/**
 * Estimated heap bytes of what the journal keeps, for its byte bound. An estimate, not a
 * measurement (the JVM does not tell an object's retained size cheaply): an object's fields at
 * their sizes with compressed references, plus each string at 40 bytes of overhead and one byte per
 * character (the compact Latin-1 form every ASCII string takes). Requests at fake upstreams, nearly
 * all of a journal, count only the strings they do not share ({@link CompactUpstreamRequest}); other
 * events count all their strings, so they are over- rather than under-estimated.
 * {@code JournalFootprintTest} compares the estimate with the heap actually retained.
 */
final class Footprint {
    private static final int STRING_OVERHEAD = 40;

    private Footprint() {
    }

    static long ofString(String s) {
        return s == null ? 0 : STRING_OVERHEAD + s.length();
    }

    /** The bytes {@code kept} (an event, or the compact form standing for one) holds. */
    static long of(Object kept) {
        if (kept instanceof CompactUpstreamRequest compact) {
            return compact.footprint();
        }
        if (kept instanceof UpstreamRequest r) {
            return 112 + strings(r.upstream(), r.method(), r.path(), r.requestId(), r.traceparent(), r.idempotencyKey(),
                    r.rule(), r.effect(), r.retryAfter(), r.rateLimit())
                    + (r.dependency() == null ? 0 : 32 + ofString(r.dependency().failure()));
        }
        if (kept instanceof LoadResult r) {
            return 80 + strings(r.tenant(), r.method(), r.path(), r.requestId(), r.error(), r.retryAfter(), r.rateLimit(),
                    r.rateLimitPolicy());
        }
        if (kept instanceof ProbeResult r) {
            return 64 + strings(r.probe(), r.path(), r.healthStatus(), r.error());
        }
        if (kept instanceof UpstreamDown r) {
            return 96 + strings(r.upstream(), r.rule()) + 16L * r.ports().size();
        }
        if (kept instanceof TlsHandshake r) {
            return 64 + strings(r.upstream(), r.outcome(), r.rule(), r.fault(), r.protocol(), r.cipherSuite(), r.detail());
        }
        if (kept instanceof ResponseDrift r) {
            return 64 + strings(r.upstream(), r.method(), r.path(), r.requestId(), r.rule(), r.contentType(), r.skipped())
                    + strings(r.mutations().toArray(String[]::new)) + 16L * r.mutations().size();
        }
        if (kept instanceof SignalSent r) {
            return 32 + strings(r.signal(), r.reason());
        }
        if (kept instanceof TargetReady r) {
            return 32 + strings(r.check());
        }
        if (kept instanceof PhaseStarted r) {
            return 32 + strings(r.name());
        }
        return 32; // RunEnded, TargetStarted, TargetExited: a few numbers
    }

    private static long strings(String... values) {
        long bytes = 0;
        for (String value : values) {
            bytes += ofString(value);
        }
        return bytes;
    }
}
