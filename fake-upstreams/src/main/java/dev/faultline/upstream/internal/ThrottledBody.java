package dev.faultline.upstream.internal;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;

/**
 * Writes a response body at a set bandwidth ({@code body: {bandwidth: 64KB/s}}): the head at once,
 * then the body in {@link Pacing}'s steps, each written when it is due on the pacing's absolute
 * schedule, so timer lateness never adds up ({@link PacedBody} does the stepping).
 */
final class ThrottledBody extends PacedBody {
    private final Pacing pacing;
    private final int stepBytes;
    private long startNanoTime;
    private long sent;

    ThrottledBody(Response response, ByteBuffer body, long bytesPerSecond, Scheduler scheduler, Callback done) {
        super(response, body, scheduler, done);
        this.pacing = new Pacing(bytesPerSecond);
        this.stepBytes = pacing.stepBytes();
    }

    @Override
    void started() {
        startNanoTime = System.nanoTime();
    }

    @Override
    int pieceBytes() {
        return stepBytes;
    }

    @Override
    long waitNanos(int size) {
        return pacing.waitNanos(startNanoTime, sent + size, System.nanoTime());
    }

    @Override
    void wrote(int size) {
        sent += size;
    }
}
