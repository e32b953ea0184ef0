package dev.faultline.upstream;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.UpstreamSpec;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms the delay path up before a run's first phase, so the first injected delay is not also the
 * first time the JVM loads and runs that code, nor the first task of a scheduler whose thread does
 * not exist yet. A cold first delay came tens of milliseconds late and was counted against the
 * machine. Best effort: a run without the warm-up is still correct, only its first delay may be late.
 */
final class DelayWarmUp {
    private static final AtomicBoolean PATH_WARMED = new AtomicBoolean();
    private static final int REQUESTS = 3;
    private static final int TIMEOUT_MILLIS = 2_000;

    private DelayWarmUp() {
    }

    /** Runs one short task on the scheduler and waits for it, so its thread exists before the first delay. */
    static void warmScheduler(Scheduler scheduler) {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(ran::countDown, 1, TimeUnit.MILLISECONDS);
        try {
            ran.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Once per JVM: a throwaway upstream with a 1 ms delay rule answers a few requests, so every class
     * and method of the delay path (rule draw, timer, client check, response write) has run before
     * a real upstream's first delay. Nothing of it reaches a run's journal.
     */
    static void warmDelayPath() {
        if (!PATH_WARMED.compareAndSet(false, true)) {
            return;
        }
        UpstreamOptions options = UpstreamOptions.loopback(1, new Journal(REQUESTS * 2), RunClock.startingNow(), 0);
        try (FakeUpstream throwaway = FakeUpstream.start(new UpstreamSpec("warm-up", 0, List.of()), options)) {
            throwaway.enterPhase("warm-up", List.of(new FaultRule("warm-up/warm-up[0]", "warm-up", RequestMatch.ANY, 1.0, 0,
                    false, new Delay.Fixed(Duration.ofMillis(1)), null)));
            for (int i = 0; i < REQUESTS; i++) {
                get(throwaway.ports().get(0));
            }
        } catch (IOException | RuntimeException e) {
            // best effort: see the class comment
        }
    }

    private static void get(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("GET /warm-up HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // the response is read to its end so the upstream's write completes as in a run
            }
        }
    }
}
