package dev.faultline.upstream.internal;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Writes a response body at a set bandwidth ({@code body: {bandwidth: 64KB/s}}): the head at once,
 * then chunks of about a fiftieth of a second's worth of bytes, each written when the bytes up to
 * its end are due ({@code start + sent / rate}), so timer lateness never accumulates and a body of
 * N bytes takes N / rate seconds. Like {@link DribbledBody}, each step is a write or a timer on
 * Jetty's scheduler (no thread waits). Completes {@code done} exactly once.
 */
final class ThrottledBody extends IteratingCallback implements Runnable {
    /** Chunks are at most this many bytes, so a high rate still goes out in paced steps. */
    private static final int MAX_CHUNK = 16 * 1024;

    private final Response response;
    private final ByteBuffer body;
    private final long bytesPerSecond;
    private final int chunkBytes;
    private final Scheduler scheduler;
    private final Callback done;
    private long startNanoTime;
    private long sent;
    private boolean headSent;
    private volatile Scheduler.Task timer;

    ThrottledBody(Response response, ByteBuffer body, long bytesPerSecond, Scheduler scheduler, Callback done) {
        this.response = response;
        this.body = body;
        this.bytesPerSecond = bytesPerSecond;
        this.chunkBytes = chunkBytes(bytesPerSecond);
        this.scheduler = scheduler;
        this.done = done;
    }

    /** A fiftieth of a second's bytes (20 ms per chunk), at least 1 and at most 16 KiB. */
    static int chunkBytes(long bytesPerSecond) {
        return (int) Math.max(1, Math.min(MAX_CHUNK, bytesPerSecond / 50));
    }

    /** Nanoseconds after the start at which the first {@code bytes} bytes are due. */
    static long dueNanos(long bytes, long bytesPerSecond) {
        return (long) (bytes * 1e9 / bytesPerSecond);
    }

    @Override
    protected Action process() {
        if (!headSent) {
            headSent = true;
            startNanoTime = System.nanoTime();
            response.write(false, BufferUtil.EMPTY_BUFFER, this);
            return Action.SCHEDULED;
        }
        if (!body.hasRemaining()) {
            return Action.SUCCEEDED;
        }
        int size = Math.min(chunkBytes, body.remaining());
        long wait = startNanoTime + dueNanos(sent + size, bytesPerSecond) - System.nanoTime();
        if (wait > 0) {
            timer = scheduler.schedule(this, wait, TimeUnit.NANOSECONDS);
            return Action.SCHEDULED;
        }
        ByteBuffer chunk = body.slice();
        chunk.limit(size);
        body.position(body.position() + size);
        sent += size;
        response.write(!body.hasRemaining(), chunk, this);
        return Action.SCHEDULED;
    }

    /** The chunk is due: take the next step (which now writes it). */
    @Override
    public void run() {
        succeeded();
    }

    /** Ends early if waiting on the timer (the upstream closing or going down). */
    void stop(Throwable cause) {
        Scheduler.Task task = timer;
        if (task != null && task.cancel()) {
            failed(cause);
        }
    }

    @Override
    protected void onCompleteSuccess() {
        done.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        done.failed(cause);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
