package dev.faultline.upstream.internal;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;

/**
 * Writes a response body a few bytes at a time: the head at once, then one chunk of the body after
 * each interval, so a body of {@code n} chunks takes {@code n} intervals and arrives whole (its
 * {@code Content-Length} is the real one). Each interval is counted from the end of the previous
 * write ({@link PacedBody} does the stepping).
 */
final class DribbledBody extends PacedBody {
    private final int chunkBytes;
    private final long everyNanos;
    private boolean waited;

    DribbledBody(Response response, ByteBuffer body, int chunkBytes, long everyNanos, Scheduler scheduler, Callback done) {
        super(response, body, scheduler, done);
        this.chunkBytes = chunkBytes;
        this.everyNanos = everyNanos;
    }

    @Override
    int pieceBytes() {
        return chunkBytes;
    }

    /** Every other step waits an interval; the one after it writes. */
    @Override
    long waitNanos(int size) {
        waited = !waited;
        return waited ? everyNanos : 0;
    }
}
