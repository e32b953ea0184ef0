package dev.faultline.upstream;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.spec.FaultAction;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ten thousand connections held open by {@code hang} at once cost no thread each: the live thread
 * count stays within a small constant of what it was before. The clients are another process
 * ({@link HangingClients}: non-blocking sockets on one thread), so every thread counted here is the
 * server's, and each process needs only one file descriptor per connection.
 */
class ManyHangingConnectionsAcceptanceTest {
    private static final int CONNECTIONS = 10_000;
    /** Descriptors besides the connections: jars, selectors, pipes, the JVM's own. */
    private static final int SPARE_DESCRIPTORS = 1_000;
    /** Thread growth allowed: a few pool threads may start under the burst, never one per connection. */
    private static final int THREAD_MARGIN = 10;

    @Test
    void tenThousandHangingConnectionsHoldNoThreadEachAndAreJournalledWhenTheirClientsLeave() throws Exception {
        long limit = fileDescriptorLimit();
        assumeTrue(limit >= CONNECTIONS + SPARE_DESCRIPTORS, "needs " + (CONNECTIONS + SPARE_DESCRIPTORS)
                + " file descriptors per process but the limit (ulimit -n) is " + limit + "; raise it to run this test");

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (RunningUpstream u = RunningUpstream.start(upstream("stuck", route(path("/**"), 200, "never sent")))) {
            u.phase("stuck", rule("stuck/stuck[0]").action(new FaultAction.Hang()).build());
            int baseline = threads.getThreadCount();
            Set<String> before = liveThreadNames();
            threads.resetPeakThreadCount();

            Process clients = startClients(u.upstream.ports().get(0));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.US_ASCII))) {
                assertThat(out.readLine()).as(() -> "the clients' report; their stderr: " + stderrOf(clients))
                        .isEqualTo("sent " + CONNECTIONS);
                u.awaitRuleFires("stuck/stuck[0]", CONNECTIONS);

                int held = threads.getThreadCount();
                int peak = threads.getPeakThreadCount();
                Set<String> started = liveThreadNames();
                started.removeAll(before);
                System.getLogger(getClass().getName()).log(System.Logger.Level.INFO,
                        "{0} hanging connections: {1} live threads before, {2} while held, peak {3}; started since: {4}",
                        CONNECTIONS, baseline, held, peak, started);
                assertThat(peak).as("peak live threads with %d connections hanging, %d before", CONNECTIONS, baseline)
                        .isLessThanOrEqualTo(baseline + THREAD_MARGIN);
                assertThat(u.journal.offered()).as("nothing has ended yet").isZero();

                clients.getOutputStream().close();
                assertThat(out.readLine()).as("connections the server answered or closed").isEqualTo("answered 0 closed 0");
                assertThat(clients.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(clients.exitValue()).isZero();
            } finally {
                clients.destroyForcibly();
            }

            // The upstream notices each client leave and journals it then.
            await().atMost(Duration.ofSeconds(60)).until(() -> u.journal.offered() >= CONNECTIONS);
            List<UpstreamRequest> events = u.requests();
            assertThat(events).hasSize(CONNECTIONS).allSatisfy(e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.CLIENT_GONE);
                assertThat(e.effect()).isEqualTo("hang");
                assertThat(e.status()).isZero();
            });
            assertThat(threads.getPeakThreadCount()).isLessThanOrEqualTo(baseline + THREAD_MARGIN);
        }
    }

    private static Set<String> liveThreadNames() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(thread -> names.add(thread.getName()));
        return names;
    }

    private static long fileDescriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 0;
    }

    private static Process startClients(int port) throws IOException, URISyntaxException {
        Path classes = Path.of(HangingClients.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classes.toString(),
                HangingClients.class.getName(), Integer.toString(port), Integer.toString(CONNECTIONS))
                .redirectError(stderrFile())
                .start();
    }

    private static File stderrFile() {
        return new File(System.getProperty("java.io.tmpdir"), "faultline-hanging-clients.err");
    }

    private static String stderrOf(Process process) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            return Files.readString(stderrFile().toPath());
        } catch (IOException | InterruptedException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
