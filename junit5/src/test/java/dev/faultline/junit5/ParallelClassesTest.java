package dev.faultline.junit5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Three test classes run at the same time through the launcher with Jupiter's parallel execution on:
 * each gets its own upstreams on its own free port, faults in one do not reach another, and nothing
 * listens once they are done.
 */
class ParallelClassesTest {
    static final Map<String, Integer> ports = new ConcurrentHashMap<>();
    static final Set<String> threads = ConcurrentHashMap.newKeySet();
    /** Each class's test waits here for the other two: it passes only if the three really run at once. */
    static CyclicBarrier together;

    @Test
    void classesRunConcurrentlyOnTheirOwnPortsAndLeaveNothingListening() {
        ports.clear();
        threads.clear();
        together = new CyclicBarrier(3);
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request()
                .selectors(selectClass(Outage.class), selectClass(Healthy.class), selectClass(Limited.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "3")
                .build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        StringBuilder failures = new StringBuilder();
        summary.getFailures().forEach(f -> failures.append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException()).append('\n'));
        assertThat(summary.getTestsSucceededCount()).as(failures.toString()).isEqualTo(3);
        assertThat(threads).as("one thread per class").hasSize(3);
        assertThat(Set.copyOf(ports.values())).as("one port per class: " + ports).hasSize(3);
        ports.values().forEach(ParallelClassesTest::assertRefused);
    }

    private static void await() throws Exception {
        threads.add(Thread.currentThread().getName());
        together.await(30, TimeUnit.SECONDS); // generous: a loaded 2-core machine starts the three slowly
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).as("port " + port + " after the classes").isInstanceOf(IOException.class);
    }

    // Run through the launcher only (not named *Test, so surefire does not pick them up).
    static class Outage {
        @RegisterExtension
        static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("api"));

        @Test
        void failsWhileTheOthersRun() throws Exception {
            fl.inject("api", Fault.respond(503));
            ports.put("outage", port(fl.url("api")));
            await();
            assertThat(Clients.get(fl.url("api"))).isEqualTo(503);
            FaultlineAssertions.assertThat(fl.journal("api")).hasRequests(1).hasResponses(503, 1);
        }
    }

    static class Healthy {
        @RegisterExtension
        static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("api"));

        @Test
        void isNotReachedByTheOthersFaults() throws Exception {
            ports.put("healthy", port(fl.url("api")));
            await();
            assertThat(Clients.get(fl.url("api"))).isEqualTo(200);
            FaultlineAssertions.assertThat(fl.journal("api")).hasRequests(1).hasResponses(200, 1);
        }
    }

    static class Limited {
        @RegisterExtension
        FaultlineExtension fl = FaultlineExtension.with(Upstream.named("api")); // per method, too

        @Test
        void limitsOnlyItsOwnClient() throws Exception {
            fl.inject("api", Fault.rateLimit(1, java.time.Duration.ofMinutes(1)));
            ports.put("limited", port(fl.url("api")));
            await();
            assertThat(Clients.get(fl.url("api"))).isEqualTo(200);
            assertThat(Clients.get(fl.url("api"))).isEqualTo(429);
        }
    }
}
