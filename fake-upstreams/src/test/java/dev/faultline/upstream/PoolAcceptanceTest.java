package dev.faultline.upstream;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.UpstreamSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code instances: N}: a pool of fake instances, each its own server, faults on some of them. */
class PoolAcceptanceTest {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10)).retryOnConnectionFailure(false).build();

    private final Journal journal = new Journal(1_000);
    private final UpstreamOptions options = UpstreamOptions.loopback(1, journal, RunClock.startingNow(), 7);

    private static int status(String url) throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        }
    }

    private static UpstreamSpec pool(int port, int instances) {
        return new UpstreamSpec("api", port, List.of(route(path("/work"), 200, "ok")), instances);
    }

    private List<Integer> answeringInstances() {
        return journal.snapshot().stream().filter(UpstreamRequest.class::isInstance).map(UpstreamRequest.class::cast)
                .map(UpstreamRequest::instance).toList();
    }

    @Test
    void everyInstanceAnswersTheSameRoutesOnItsOwnPortAndTheJournalSaysWhichAnswered() throws IOException {
        try (FakeUpstreams upstreams = FakeUpstreams.start(List.of(pool(0, 3)), options)) {
            List<FakeUpstream> instances = upstreams.instances("api");
            assertThat(instances).extracting(FakeUpstream::instance).containsExactly(0, 1, 2);
            assertThat(instances).extracting(u -> u.ports().get(0)).doesNotHaveDuplicates();
            assertThat(upstreams.get("api")).isSameAs(instances.get(0));

            for (int i : new int[] {2, 0, 1, 2}) {
                assertThat(status(instances.get(i).url(0) + "/work")).isEqualTo(200);
            }
            // An exchange is journalled as it ends, just after the client has its answer.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(answeringInstances()).containsExactly(2, 0, 1, 2));
        }
    }

    @Test
    void aFixedPortGivesThePoolConsecutivePorts() throws IOException {
        int base = freeRunOfPorts(3);
        try (FakeUpstreams upstreams = FakeUpstreams.start(List.of(pool(base, 3)), options)) {
            assertThat(upstreams.instances("api")).extracting(u -> u.ports().get(0)).containsExactly(base, base + 1, base + 2);
        }
    }

    @Test
    void aRuleWithInstancesFaultsOnlyThoseAndARuleWithoutFaultsEvery() throws IOException {
        try (FakeUpstreams upstreams = FakeUpstreams.start(List.of(pool(0, 3)), options)) {
            List<FakeUpstream> instances = upstreams.instances("api");
            FaultRule onOne = withInstances(rule("outage/api[0]").respond(503).build(), List.of(1));
            FaultRule downTwo = withInstances(rule("outage/api[1]").action(new dev.faultline.upstream.spec.FaultAction.Down()).build(), List.of(2));
            upstreams.enterPhase("outage", Map.of("api", List.of(onOne, downTwo)));

            assertThat(status(instances.get(0).url(0) + "/work")).isEqualTo(200);
            assertThat(status(instances.get(1).url(0) + "/work")).isEqualTo(503);
            assertThatThrownBy(() -> status(instances.get(2).url(0) + "/work")).isInstanceOf(ConnectException.class);

            upstreams.enterPhase("all", Map.of("api", List.of(rule("all/api[0]").respond(502).build())));
            for (FakeUpstream instance : instances) {
                assertThat(status(instance.url(0) + "/work")).isEqualTo(502);
            }
        }
    }

    private static FaultRule withInstances(FaultRule r, List<Integer> instances) {
        return new FaultRule(r.id(), r.seedKey(), r.match(), r.probability(), r.first(), r.firstPerClient(), r.delay(),
                r.action(), instances);
    }

    // A run of free ports, found by binding each; retried from another start when one is taken.
    private static int freeRunOfPorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket(0)) {
                base = probe.getLocalPort();
            }
            if (base + count > 65535) {
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (ServerSocket socket = new ServerSocket(p)) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no run of " + count + " free ports found");
    }
}
