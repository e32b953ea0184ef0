package dev.faultline.run;

import dev.faultline.analysis.Percentile;
import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.TimerNoise;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the machine's own timer noise while the timeline plays: a daemon thread parks for
 * {@value #PERIOD_MILLIS} ms again and again and records each oversleep (actual wait less planned);
 * once a second it journals the stretch's quantiles as a {@link TimerNoise} event.
 *
 * <p>Why a thread of the harness's own: a client's wait is lengthened by the same scheduler, on the same
 * cores, at the same moment, so the spread of waits a client without jitter shows is about the spread
 * of these oversleeps (see {@code JitterAnalyzer}). It costs one wake-up every 20 ms.
 */
public final class TimerNoiseSampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 20;
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
    private static final long STRETCH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Enough room for a second of parks even if every one returned at once (spurious wake-ups). */
    private static final int MAX_SAMPLES = 4096;

    private final RunClock clock;
    private final Journal journal;
    private final Thread thread;
    private volatile boolean stopped;

    private TimerNoiseSampler(RunClock clock, Journal journal) {
        this.clock = clock;
        this.journal = journal;
        this.thread = new Thread(this::sample, "faultline-timer-noise");
        thread.setDaemon(true);
    }

    /** Starts sampling now; {@link #close()} stops it and journals the last, partial stretch. */
    public static TimerNoiseSampler start(RunClock clock, Journal journal) {
        TimerNoiseSampler sampler = new TimerNoiseSampler(clock, journal);
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        long[] oversleeps = new long[MAX_SAMPLES];
        int count = 0;
        long since = clock.nanos();
        while (!stopped) {
            long before = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
            long slept = System.nanoTime() - before;
            // A spurious or early wake-up is not noise of the kind measured (late wake-ups): skip it.
            if (slept >= PERIOD_NANOS && count < MAX_SAMPLES) {
                oversleeps[count++] = slept - PERIOD_NANOS;
            }
            long now = clock.nanos();
            if (now - since >= STRETCH_NANOS || stopped) {
                record(since, now, oversleeps, count);
                count = 0;
                since = now;
            }
        }
    }

    private void record(long since, long now, long[] oversleeps, int count) {
        if (count == 0) {
            return;
        }
        long[] sorted = Arrays.copyOf(oversleeps, count);
        Arrays.sort(sorted);
        journal.append(new TimerNoise(now, since, count, Percentile.nearestRank(sorted, 0.5), Percentile.nearestRank(sorted, 0.9), sorted[count - 1]));
    }

    /** Stops sampling and waits (briefly) for the last stretch to be journaled. */
    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
