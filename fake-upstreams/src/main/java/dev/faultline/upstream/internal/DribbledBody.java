package dev.faultline.upstream.internal;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Writes a response body a few bytes at a time: the head at once, then one chunk of the body after
 * each interval, so a body of {@code n} chunks takes {@code n} intervals and arrives whole (its
 * {@code Content-Length} is the real one). Driven by Jetty's {@link IteratingCallback}: each step is
 * either a write or a timer on the scheduler, so no thread waits between chunks and no stack grows.
 * Completes {@code done} exactly once. Not threadsafe beyond what the iterating callback serializes.
 */
final class DribbledBody extends IteratingCallback implements Runnable {
    private final Response response;
    private final ByteBuffer body;
    private final int chunkBytes;
    private final long everyNanos;
    private final Scheduler scheduler;
    private final Callback done;
    private boolean headSent;
    private boolean waited;
    private volatile Scheduler.Task timer;

    DribbledBody(Response response, ByteBuffer body, int chunkBytes, long everyNanos, Scheduler scheduler, Callback done) {
        this.response = response;
        this.body = body;
        this.chunkBytes = chunkBytes;
        this.everyNanos = everyNanos;
        this.scheduler = scheduler;
        this.done = done;
    }

    @Override
    protected Action process() {
        if (!headSent) {
            // An empty write commits the response, so the client has the head before the first chunk.
            headSent = true;
            response.write(false, BufferUtil.EMPTY_BUFFER, this);
            return Action.SCHEDULED;
        }
        if (!body.hasRemaining()) {
            return Action.SUCCEEDED;
        }
        if (!waited) {
            waited = true;
            timer = scheduler.schedule(this, everyNanos, TimeUnit.NANOSECONDS);
            return Action.SCHEDULED;
        }
        waited = false;
        ByteBuffer chunk = body.slice();
        chunk.limit(Math.min(chunkBytes, chunk.remaining()));
        body.position(body.position() + chunk.remaining());
        response.write(!body.hasRemaining(), chunk, this);
        return Action.SCHEDULED;
    }

    /** The interval is over: take the next step. */
    @Override
    public void run() {
        succeeded();
    }

    /**
     * Ends the dribble early if it is waiting on its timer (the upstream closing or going down, when
     * the scheduler would drop the timer); a write in flight ends by itself when the connection closes.
     */
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
