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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Runs small test classes through the JUnit launcher and looks at the ports during and after them. */
class LifecycleTest {
    static final List<Integer> seen = new CopyOnWriteArrayList<>();

    @Test
    void perClassUpstreamsKeepOnePortForTheClassAndNothingListensAfterIt() {
        TestExecutionSummary summary = run(PerClass.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(2);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo(seen.get(1));
        assertRefused(seen.get(0));
    }

    @Test
    void perMethodUpstreamsStopAfterEachTest() {
        TestExecutionSummary summary = run(PerMethod.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(2);
        assertThat(seen).hasSize(2);
        seen.forEach(LifecycleTest::assertRefused);
    }

    @Test
    void annotatedClassesStopTheirUpstreamsAfterTheLastTest() {
        TestExecutionSummary summary = run(Annotated.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(1);
        assertRefused(seen.get(0));
    }

    @Test
    void aMissingScenarioFileFailsTheClassNamingTheFile() {
        TestExecutionSummary summary = run(MissingScenario.class);

        assertThat(summary.getFailures()).hasSize(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("scenarios/missing.yaml")
                .hasMessageContaining("src/test/resources");
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        seen.clear();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        StringBuilder text = new StringBuilder();
        summary.getFailures().forEach(f -> text.append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException()).append('\n'));
        return text.toString();
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).as("port " + port + " after the class").isInstanceOf(IOException.class);
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    // Run through the launcher only (the nested classes are not picked up by surefire: they are not named *Test).
    static class PerClass {
        @RegisterExtension
        static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("api"));

        @Test
        void first() throws Exception {
            fl.inject("api", Fault.respond(503));
            assertThat(Clients.get(fl.url("api"))).isEqualTo(503);
            seen.add(port(fl.url("api")));
        }

        @Test
        void second() throws Exception {
            assertThat(Clients.get(fl.url("api"))).isEqualTo(200); // the fault of the other test is gone
            seen.add(port(fl.url("api")));
        }
    }

    static class PerMethod {
        @RegisterExtension
        FaultlineExtension fl = FaultlineExtension.with(Upstream.named("api"));

        @Test
        void first() throws Exception {
            assertThat(Clients.get(fl.url("api"))).isEqualTo(200);
            seen.add(port(fl.url("api")));
        }

        @Test
        void second() throws Exception {
            assertThat(Clients.get(fl.url("api"))).isEqualTo(200);
            seen.add(port(fl.url("api")));
        }
    }

    @FaultlineTest(scenario = "scenarios/checkout.yaml")
    static class Annotated {
        @Test
        void one(Faultline fl) {
            seen.add(port(fl.url("payments")));
        }
    }

    @FaultlineTest(scenario = "scenarios/missing.yaml")
    static class MissingScenario {
        @Test
        void one(Faultline fl) {
            seen.add(port(fl.url("payments")));
        }
    }
}
