package dev.faultline.cli;

import dev.faultline.journal.Event;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.TargetReady;
import dev.faultline.journal.TargetStarted;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When targets start relative to the first phase: a command-line client (no ready check, or
 * {@code after}) is started once phase 1's faults are in force, so even with ten replicas started one
 * by one every replica's first call meets the outage; a service (a ready check by log, http or port)
 * is started and ready before the first phase begins. The clients are real programs: curl and a
 * {@code /bin/sh} retry loop around it.
 */
class TargetStartOrderAcceptanceTest {
    private static final int REPLICAS = 10;
    private static final int RUNS_PER_CLIENT = 3;

    @TempDir
    Path dir;

    static Stream<Arguments> clientsTimesRuns() {
        Map<String, String> clients = Map.of(
                "curl --retry 1", "curl -s -o /dev/null --retry 1 ${upstreams.api.url}/items",
                "a shell retry loop",
                "for i in 1 2 3; do curl -sf -o /dev/null ${upstreams.api.url}/items && exit 0; sleep 0.2; done; exit 1");
        return clients.entrySet().stream().flatMap(client -> IntStream.rangeClosed(1, RUNS_PER_CLIENT)
                .mapToObj(run -> Arguments.of(client.getKey(), client.getValue(), run)));
    }

    @ParameterizedTest(name = "{0}, run {2}")
    @MethodSource("clientsTimesRuns")
    void everyReplicaOfAClientWithoutAReadyCheckMeetsTheOutageWithItsFirstCall(String client, String command, int run)
            throws Exception {
        Files.writeString(dir.resolve("client.yaml"), """
                name: ten clients meet an outage
                seed: 1
                upstreams:
                  api:
                    routes:
                      - match: {path: /items}
                        respond: {status: 200, body: ok}
                target:
                  run: "%s"
                  replicas: %d
                phases:
                  - name: outage
                    duration: 2s
                    faults:
                      api:
                        - respond: {status: 503}
                  - {name: recovery, duration: 500ms}
                expect:
                  retries:
                    upstream: api
                    during: outage
                    by: client
                    max-amplification: 4
                """.formatted(command, REPLICAS));

        Faultline.Result result = Faultline.run(dir, "run", "client.yaml", "--report-dir", "out");

        List<Event> journal = Faultline.journal(dir.resolve("out"));
        Map<Integer, UpstreamRequest> firstCalls = journal.stream()
                .filter(UpstreamRequest.class::isInstance).map(UpstreamRequest.class::cast)
                .collect(Collectors.toMap(UpstreamRequest::client, Function.identity(),
                        (a, b) -> a.atNanos() <= b.atNanos() ? a : b));
        assertThat(firstCalls).as(result.toString()).hasSize(REPLICAS);
        assertThat(firstCalls.values()).as("the rule each replica's first call met")
                .extracting(UpstreamRequest::rule).containsOnly("outage/api[0]");
        long outageStart = phaseStart(journal, 0);
        assertThat(journal).filteredOn(TargetStarted.class::isInstance)
                .extracting(Event::atNanos).hasSize(REPLICAS).allMatch(at -> at >= outageStart);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
    }

    @Test
    void aServiceWithALogReadyCheckIsReadyBeforeTheFirstPhaseBegins() throws Exception {
        Files.writeString(dir.resolve("service.yaml"), """
                name: a service starts first
                upstreams:
                  api: {}
                target:
                  run: "echo up; while :; do sleep 0.05; done"
                  replicas: 2
                  ready: {log: up, timeout: 10s}
                  stop: {grace: 1s}
                phases:
                  - {name: steady, duration: 500ms}
                """);

        Faultline.Result result = Faultline.run(dir, "run", "service.yaml", "--report-dir", "out");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        List<Event> journal = Faultline.journal(dir.resolve("out"));
        long lastReady = journal.stream().filter(TargetReady.class::isInstance).map(Event::atNanos)
                .max(Comparator.naturalOrder()).orElseThrow();
        assertThat(phaseStart(journal, 0)).isGreaterThanOrEqualTo(lastReady);
    }

    private static long phaseStart(List<Event> journal, int index) {
        return journal.stream().filter(PhaseStarted.class::isInstance).map(PhaseStarted.class::cast)
                .filter(p -> p.index() == index).findFirst().orElseThrow().atNanos();
    }
}
