package dev.faultline.target;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.TargetReady;
import dev.faultline.scenario.ReadySpec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a target replica is ready by its scenario's {@code ready} rule, and records when.
 *
 * <p>A replica whose process exits before an {@code http}, {@code port} or {@code log} check passes
 * did not become ready: that is an error naming its command, with its exit code and last output. For
 * {@code after} and no check, a process that has already finished is fine (a command-line client may
 * be that quick), unless it ended with 126 or 127: then its command could not be executed at all.
 */
public final class ReadinessCheck {
    private static final long POLL_MILLIS = 50;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

    private final RunClock clock;
    private final Journal journal;

    public ReadinessCheck(RunClock clock, Journal journal) {
        this.clock = clock;
        this.journal = journal;
    }

    /**
     * Blocks until the replica is ready.
     *
     * @param url  the replica's base url ({@code http://127.0.0.1:PORT}), or null when it has none
     * @param port the replica's port, or 0
     * @throws TargetStartException if it exits first or the timeout passes
     */
    public void await(TargetReplica replica, ReadySpec ready, String url, int port)
            throws TargetStartException, InterruptedException {
        long deadline = System.nanoTime() + ready.timeout().toNanos();
        if (ready instanceof ReadySpec.After after) {
            Thread.sleep(after.after().toMillis());
        } else if (ready instanceof ReadySpec.Port) {
            pollUntil(replica, ready, deadline, () -> accepts(port));
        } else if (ready instanceof ReadySpec.Http http) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(ATTEMPT_TIMEOUT).build();
            URI uri = URI.create(url + http.path());
            pollUntil(replica, ready, deadline, () -> answers2xx(client, uri));
        } else if (ready instanceof ReadySpec.Log log) {
            awaitLog(replica, log, deadline);
        }
        if (!replica.isRunning()) {
            replica.awaitLogs();
            Optional<String> failure = replica.execFailure();
            if (failure.isPresent()) {
                throw new TargetStartException(failure.get(), replica.lastOutput());
            }
        }
        journal.append(new TargetReady(clock.nanos(), replica.replica(), ready.check()));
    }

    private void awaitLog(TargetReplica replica, ReadySpec.Log log, long deadline)
            throws TargetStartException, InterruptedException {
        CountDownLatch out = replica.stdout().watch(log.text());
        CountDownLatch err = replica.stderr().watch(log.text());
        pollUntil(replica, log, deadline, () -> out.getCount() == 0 || err.getCount() == 0);
    }

    private interface Probe {
        boolean ready() throws InterruptedException;
    }

    private void pollUntil(TargetReplica replica, ReadySpec ready, long deadline, Probe probe)
            throws TargetStartException, InterruptedException {
        while (true) {
            if (probe.ready()) {
                return;
            }
            if (!replica.isRunning()) {
                // One last look: the output may have been printed just before the exit.
                replica.awaitLogs();
                if (probe.ready()) {
                    return;
                }
                int code = replica.exitCode().orElse(-1);
                throw new TargetStartException(named(replica) + " exited with code " + code
                        + " before it became ready (" + describe(ready) + ")", replica.lastOutput());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TargetStartException(named(replica) + " did not become ready within "
                        + ready.timeout().toMillis() / 1000.0 + " s (" + describe(ready) + ")", replica.lastOutput());
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private static String named(TargetReplica replica) {
        return "target replica " + replica.replica() + " (" + replica.launch().commandLine() + ")";
    }

    private static String describe(ReadySpec ready) {
        if (ready instanceof ReadySpec.After after) {
            return "after " + after.after();
        } else if (ready instanceof ReadySpec.Port) {
            return "waiting for its port to accept connections";
        } else if (ready instanceof ReadySpec.Http http) {
            return "waiting for GET " + http.path() + " to answer 2xx";
        } else if (ready instanceof ReadySpec.Log log) {
            return "waiting for \"" + log.text() + "\" in its output";
        }
        return "no check";
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) ATTEMPT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answers2xx(HttpClient client, URI uri) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(ATTEMPT_TIMEOUT).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        }
    }
}
