package dev.faultline.upstream.internal;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Writes a response body in timed pieces: the head at once, then each piece when the subclass says
 * it is due. Driven by Jetty's {@link IteratingCallback}: each step is either a write or a timer on
 * the scheduler, so no thread waits between pieces and no stack grows. Completes {@code done}
 * exactly once. Not threadsafe beyond what the iterating callback serializes.
 */
abstract class PacedBody extends IteratingCallback implements Runnable {
    private final Response response;
    private final ByteBuffer body;
    private final Scheduler scheduler;
    private final Callback done;
    private boolean headSent;
    private volatile Scheduler.Task timer;

    PacedBody(Response response, ByteBuffer body, Scheduler scheduler, Callback done) {
        this.response = response;
        this.body = body;
        this.scheduler = scheduler;
        this.done = done;
    }

    /** The size of the next piece (the body's remaining bytes cap it). */
    abstract int pieceBytes();

    /** How long to wait before writing the next piece of {@code size} bytes; 0 or less: write it now. */
    abstract long waitNanos(int size);

    /** The head went out: the body's clock starts. */
    void started() {
    }

    /** A piece of {@code size} bytes was handed to the connection. */
    void wrote(int size) {
    }

    @Override
    protected final Action process() {
        if (!headSent) {
            // An empty write commits the response, so the client has the head before the first piece.
            headSent = true;
            started();
            response.write(false, BufferUtil.EMPTY_BUFFER, this);
            return Action.SCHEDULED;
        }
        if (!body.hasRemaining()) {
            return Action.SUCCEEDED;
        }
        int size = Math.min(pieceBytes(), body.remaining());
        long wait = waitNanos(size);
        if (wait > 0) {
            timer = scheduler.schedule(this, wait, TimeUnit.NANOSECONDS);
            return Action.SCHEDULED;
        }
        ByteBuffer piece = body.slice();
        piece.limit(size);
        body.position(body.position() + size);
        wrote(size);
        response.write(!body.hasRemaining(), piece, this);
        return Action.SCHEDULED;
    }

    /** The wait is over: take the next step. */
    @Override
    public final void run() {
        succeeded();
    }

    /**
     * Ends early if waiting on the timer (the upstream closing or going down, when the scheduler would
     * drop the timer); a write in flight ends by itself when the connection closes.
     */
    final void stop(Throwable cause) {
        Scheduler.Task task = timer;
        if (task != null && task.cancel()) {
            failed(cause);
        }
    }

    @Override
    protected final void onCompleteSuccess() {
        done.succeeded();
    }

    @Override
    protected final void onCompleteFailure(Throwable cause) {
        done.failed(cause);
    }

    @Override
    public final InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
