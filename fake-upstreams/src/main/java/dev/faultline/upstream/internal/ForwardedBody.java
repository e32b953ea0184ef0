package dev.faultline.upstream.internal;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Streams a real dependency's body to the client, shaped by a body fault ({@link BodyShape}): read a
 * chunk from the dependency, write it (whole, the first bytes of it, or slice by slice after waits),
 * release it, read the next. Only one chunk is held at a time, so a body of any size costs one
 * buffer (but a drift, which holds the body until it is whole, up to its bound); the dependency is
 * read only as fast as the client takes it. A bandwidth paces the slices on {@link Pacing}'s
 * absolute schedule from when the head went out. Driven by Jetty's
 * {@link IteratingCallback}: each step is a write, a demand or a timer, so no thread waits and no
 * stack grows with the body. Tells {@link Forwarding} once how it ended. Not threadsafe beyond what
 * the iterating callback serializes.
 */
final class ForwardedBody extends IteratingCallback implements Runnable {
    /** How the body ended; exactly one is reported. */
    interface Ending {
        /** The whole body was written (the response is complete). */
        void completed(long bytes);

        /** The truncation cut the body after {@code bytes} on purpose; the connection must be aborted. */
        void cut(long bytes);

        /** The dependency's body failed mid-way (reset, closed early, timed out). */
        void dependencyFailed(long bytes, Throwable failure);

        /** Writing to the client failed (it left, or the upstream is closing). */
        void clientFailed(long bytes, Throwable failure);

        /**
         * A drift's whole body arrived: the bytes to send instead (the head is not committed yet, so
         * its fields may still change).
         */
        byte[] drifted(byte[] whole);

        /** A drift's body grew past what is held: it goes out unchanged, for this reason. */
        void driftSkipped(String why);
    }

    private final Content.Source source;
    private final Response response;
    private final BodyShape shape;
    private final Scheduler scheduler;
    private final Ending ending;
    private final long keep;
    private final int sliceBytes;
    private final long everyNanos;
    private final Pacing pacing;
    private final int driftLimit;
    /** The body held for a drift until it is whole; null when not (or no longer) holding. */
    private java.io.ByteArrayOutputStream held;
    private long startNanoTime;
    private boolean headSent;
    private Content.Chunk chunk;
    private ByteBuffer remaining;
    private boolean waited;
    private boolean lastWritten;
    private boolean dependencyEnded;
    private long sent;
    private long writing;
    private Throwable dependencyFailure;
    private volatile Scheduler.Task timer;

    ForwardedBody(Content.Source source, Response response, BodyShape shape, Scheduler scheduler, Ending ending) {
        this.source = source;
        this.response = response;
        this.shape = shape;
        this.scheduler = scheduler;
        this.ending = ending;
        this.keep = shape instanceof BodyShape.Truncate truncate ? truncate.keep()
                : shape instanceof BodyShape.AfterHeaders ? 0 : Long.MAX_VALUE;
        if (shape instanceof BodyShape.Dribble dribble) {
            this.sliceBytes = dribble.bytes();
            this.everyNanos = dribble.everyNanos();
        } else {
            this.sliceBytes = Integer.MAX_VALUE;
            this.everyNanos = 0;
        }
        this.pacing = shape instanceof BodyShape.Throttle throttle ? throttle.pacing() : null;
        this.driftLimit = shape instanceof BodyShape.Drift drift ? drift.maxBytes() : 0;
        this.held = shape instanceof BodyShape.Drift ? new java.io.ByteArrayOutputStream() : null;
    }

    @Override
    protected Action process() {
        sent += writing;
        writing = 0;
        if (lastWritten) {
            return Action.SUCCEEDED;
        }
        if (!headSent && !(shape instanceof BodyShape.Whole) && !(shape instanceof BodyShape.Drift)) {
            // A body fault sends the real head at once (an empty write commits it), so the client has
            // the dependency's status and headers before the first byte is held back or cut. Not a
            // drift: its head waits for the drifted body's length.
            headSent = true;
            startNanoTime = System.nanoTime();
            return write(false, BufferUtil.EMPTY_BUFFER);
        }
        if (held != null) {
            Action holding = hold();
            if (holding != null) {
                return holding;
            }
        }
        if (sent >= keep) {
            return Action.SUCCEEDED;
        }
        while (remaining == null || !remaining.hasRemaining()) {
            release();
            if (dependencyEnded) {
                if (shape instanceof BodyShape.Truncate) {
                    // the body ended before truncate-after: cut all the same (its length was declared longer)
                    return Action.SUCCEEDED;
                }
                // the last bytes went out without the last flag (a sliced body): finish the response
                lastWritten = true;
                return write(true, BufferUtil.EMPTY_BUFFER);
            }
            Content.Chunk next = source.read();
            if (next == null) {
                source.demand(this::succeeded);
                return Action.SCHEDULED;
            }
            if (Content.Chunk.isFailure(next)) {
                dependencyFailure = next.getFailure();
                return Action.SUCCEEDED;
            }
            chunk = next;
            remaining = next.getByteBuffer();
            dependencyEnded = next.isLast();
        }
        if (shape instanceof BodyShape.Dribble) {
            if (!waited) {
                waited = true;
                timer = scheduler.schedule(this, everyNanos, TimeUnit.NANOSECONDS);
                return Action.SCHEDULED;
            }
            waited = false;
        }
        ByteBuffer slice = remaining.slice();
        int length = (int) Math.min(Math.min(slice.remaining(), pacing != null ? pacing.stepBytes() : sliceBytes), keep - sent);
        if (pacing != null) {
            // paced against the absolute schedule from when the head went out, so late timers do not add up
            long wait = pacing.waitNanos(startNanoTime, sent + length, System.nanoTime());
            if (wait > 0) {
                timer = scheduler.schedule(this, wait, TimeUnit.NANOSECONDS);
                return Action.SCHEDULED;
            }
        }
        slice.limit(length);
        remaining.position(remaining.position() + length);
        boolean last = dependencyEnded && !remaining.hasRemaining() && !(shape instanceof BodyShape.Truncate);
        lastWritten = last;
        return write(last, slice);
    }

    /**
     * A drift's step: reads the dependency's body into memory until it is whole, then puts the
     * drifted bytes up to be written as the body's last; past the limit, puts what is held up to be
     * written and lets the rest stream. Null when the body is ready to write; else the action to return.
     */
    private Action hold() {
        while (true) {
            Content.Chunk next = source.read();
            if (next == null) {
                source.demand(this::succeeded);
                return Action.SCHEDULED;
            }
            if (Content.Chunk.isFailure(next)) {
                // nothing was sent: the drift never got a whole body, and the journal says so beside the break
                ending.driftSkipped("the dependency's body broke off after " + held.size() + " bytes");
                dependencyFailure = next.getFailure();
                return Action.SUCCEEDED;
            }
            ByteBuffer bytes = next.getByteBuffer();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            boolean last = next.isLast();
            next.release();
            held.writeBytes(copy);
            if (held.size() > driftLimit) {
                ending.driftSkipped("the body is larger than the " + driftLimit + " bytes a drift holds; sent unchanged");
            } else if (last) {
                byte[] whole = held.toByteArray();
                held = null;
                remaining = ByteBuffer.wrap(ending.drifted(whole));
                dependencyEnded = true;
                return null;
            } else {
                continue;
            }
            remaining = ByteBuffer.wrap(held.toByteArray());
            held = null;
            dependencyEnded = last;
            return null;
        }
    }

    private Action write(boolean last, ByteBuffer bytes) {
        writing = bytes.remaining();
        response.write(last, bytes, this);
        return Action.SCHEDULED;
    }

    /** A dribble's or a bandwidth's wait is over. */
    @Override
    public void run() {
        succeeded();
    }

    private void release() {
        if (chunk != null) {
            chunk.release();
            chunk = null;
            remaining = null;
        }
    }

    /** Ends the body early when it is waiting on its timer (the upstream closing or going down). */
    void stop(Throwable cause) {
        Scheduler.Task task = timer;
        if (task != null && task.cancel()) {
            failed(cause);
        }
    }

    @Override
    protected void onCompleteSuccess() {
        release();
        if (dependencyFailure != null) {
            ending.dependencyFailed(sent, dependencyFailure);
        } else if (lastWritten) {
            ending.completed(sent);
        } else {
            ending.cut(sent);
        }
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        release();
        ending.clientFailed(sent, cause);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
