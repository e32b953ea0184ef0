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
 * then the body in {@link Pacing}'s steps, each written when it is due on the pacing's absolute
 * schedule. Like {@link DribbledBody}, each step is a write or a timer on
 * Jetty's scheduler (no thread waits). Completes {@code done} exactly once.
 */
final class ThrottledBody extends IteratingCallback implements Runnable {
    private final Response response;
    private final ByteBuffer body;
    private final Pacing pacing;
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
        this.pacing = new Pacing(bytesPerSecond);
        this.chunkBytes = pacing.stepBytes();
        this.scheduler = scheduler;
        this.done = done;
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
        long wait = pacing.waitNanos(startNanoTime, sent + size, System.nanoTime());
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
