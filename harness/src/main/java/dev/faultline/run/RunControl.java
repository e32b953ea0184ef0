package dev.faultline.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets the outside (Ctrl-C, SIGTERM, a test) ask a run to stop early. The run waits through
 * {@link #sleep(long)}, which returns as soon as an abort is requested, so an abort takes effect
 * within milliseconds and the run still stops its targets and writes its report. Threadsafe.
 */
public final class RunControl {
    private final CountDownLatch aborted = new CountDownLatch(1);
    private volatile String reason = "";

    /** Asks the run to stop; the first reason given is kept. */
    public void abort(String why) {
        if (aborted.getCount() > 0) {
            reason = why;
            aborted.countDown();
        }
    }

    /** True once an abort was requested. */
    public boolean isAborted() {
        return aborted.getCount() == 0;
    }

    /** Why the run was aborted, or empty. */
    public String reason() {
        return reason;
    }

    /**
     * Waits for {@code nanos} unless an abort comes first.
     *
     * @return true if the run was aborted
     */
    public boolean sleep(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            return isAborted();
        }
        return aborted.await(nanos, TimeUnit.NANOSECONDS);
    }
}
