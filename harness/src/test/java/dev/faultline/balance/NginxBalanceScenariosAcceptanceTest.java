package dev.faultline.balance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCodes;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx, a balancer nobody here wrote, in front of a pool of three fake instances, through the
 * scenarios of {@code scenarios/balance/} and the real command line: round robin gives equal shares,
 * weight=3 gives 3:1:1, round robin keeps feeding a slow instance while least_conn routes around it,
 * and max_fails ejects a down or 503-answering instance and takes it back. Beside them, a client that
 * balances on its own ({@code scenarios/clients/RoundRobinClient.java}) is judged the same way.
 *
 * <p>The scenarios run as two shards side by side ({@code faultline run DIR --shard K/2}), which halves the
 * suite's time: each sends 40 requests a second at most, so two share two cores without the load driver
 * falling behind (its lateness would make a check inconclusive, not pass it).
 */
@Isolated
class NginxBalanceScenariosAcceptanceTest {
    private static final Path LIBRARY = Faultline.REPO.resolve("scenarios/balance");

    @TempDir
    static Path reports;

    private static List<Faultline.Result> shards;

    @BeforeAll
    static void runEveryScenario() {
        List<CompletableFuture<Faultline.Result>> running = IntStream.range(0, 2)
                .mapToObj(k -> CompletableFuture.supplyAsync(() -> Faultline.run(Faultline.REPO, "run", LIBRARY.toString(),
                        "--shard", k + "/2", "--report-dir", reports.resolve("shard-" + k).toString())))
                .toList();
        shards = running.stream().map(CompletableFuture::join).toList();
    }

    /** A scenario's report folder, in whichever shard ran it. */
    private static Path folder(String slug) {
        Path first = reports.resolve("shard-0").resolve(slug);
        return Files.isDirectory(first) ? first : reports.resolve("shard-1").resolve(slug);
    }

    private static JsonNode report(String slug) {
        return Faultline.report(folder(slug));
    }

    private static JsonNode check(String slug, String id) {
        return Faultline.check(report(slug), id);
    }

    @Test
    void theRunFailsBecauseRoundRobinFeedsTheSlowInstanceAndTheClientNeverEjects() {
        assertThat(shards).extracting(Faultline.Result::exitCode).as(shards.toString())
                .containsAnyOf(ExitCodes.FAILED).allMatch(code -> code == ExitCodes.FAILED || code == ExitCodes.HELD);
        String out = shards.stream().map(Faultline.Result::out).collect(Collectors.joining("\n"));
        assertThat(Pattern.compile("(\\d+) scenario files").matcher(out).results()
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum()).as(out).isEqualTo(9);
        assertThat(out.lines().filter(l -> l.strip().startsWith("FAILED"))).as(out).hasSize(3);
    }

    @Test
    void aClientSideRoundRobinSpreadsExactlyButKeepsSendingToAFailingInstance() {
        String slug = "a-client-side-round-robin-never-ejects-a-failing-instance";
        assertThat(check(slug, "balance.max-share-error").get("measured").asDouble()).isLessThan(0.05);
        JsonNode eject = check(slug, "balance.ejects-within");
        assertThat(eject.get("status").asText()).as(eject.toString()).isEqualTo("failed");
        // Every third request of the 5 s outage: the last one within a few hundred ms of the fault's end.
        assertThat(eject.get("measured").asDouble()).isGreaterThan(4.0);
        assertThat(eject.get("explanation").asText()).startsWith("#1 in outage: last request ");
        assertThat(check(slug, "balance.readmits-within").get("status").asText()).isEqualTo("passed");
    }

    @Test
    void roundRobinGivesEachInstanceAThird() {
        String slug = "nginx-round-robin-spreads-requests-equally";
        JsonNode error = check(slug, "balance.max-share-error");
        assertThat(report(slug).get("verdict").asText()).as(error.toString()).isEqualTo("held");
        assertThat(error.get("measured").asDouble()).isLessThan(0.05);
        assertThat(error.get("explanation").asText()).matches("shares of \\d+ counted requests at api during the run:"
                + " #0 3\\d % \\(\\d+, expected 33 %\\), #1 3\\d % .*");
    }

    @Test
    void weightThreeGivesTheFirstInstanceThreeFifths() {
        String slug = "nginx-weighted-round-robin-gives-3-1-1";
        JsonNode error = check(slug, "balance.max-share-error");
        assertThat(report(slug).get("verdict").asText()).as(error.toString()).isEqualTo("held");
        assertThat(error.get("explanation").asText()).contains("#0 6", "expected 60 %", "expected 20 %");
    }

    @Test
    void aConsistentHashKeepsEveryKeyOnOneInstanceAndRoundRobinMovesThemAll() {
        JsonNode hashed = check("nginx-consistent-hash-keeps-each-key-on-one-instance", "balance.sticky-by");
        assertThat(hashed.get("status").asText()).as(hashed.toString()).isEqualTo("passed");
        assertThat(hashed.get("explanation").asText()).startsWith("all 5 keys (header Idempotency-Key) stayed on one instance");
        JsonNode roundRobin = check("nginx-round-robin-does-not-keep-a-key-on-one-instance", "balance.sticky-by");
        assertThat(roundRobin.get("status").asText()).as(roundRobin.toString()).isEqualTo("failed");
        assertThat(roundRobin.get("measured").asDouble()).isEqualTo(5);
        assertThat(roundRobin.get("explanation").asText()).startsWith("5 of 5 keys (header Idempotency-Key) reached more"
                + " than one instance during the run: user-");
    }

    @Test
    void theHtmlReportPlotsEachInstancesShareOverTime() throws Exception {
        String html = Files.readString(folder("nginx-weighted-round-robin-gives-3-1-1").resolve("report.html"));
        assertThat(html).contains("data-group=\"api: shares by instance\"", "api #0: share of requests",
                "api #2: share of requests");
    }

    @Test
    void roundRobinSendsAThirdToTheSlowInstanceAndFails() {
        JsonNode slow = check("nginx-round-robin-keeps-feeding-a-slow-instance", "balance.max-share-to-slow");
        assertThat(slow.get("status").asText()).as(slow.toString()).isEqualTo("failed");
        assertThat(slow.get("measured").asDouble()).isBetween(0.28, 0.38);
        assertThat(slow.get("explanation").asText()).contains("reached the slow instance #2", "rate × delay");
    }

    @Test
    void leastConnSendsTheSlowInstanceLittle() {
        String slug = "nginx-least-conn-routes-around-a-slow-instance";
        JsonNode slow = check(slug, "balance.max-share-to-slow");
        assertThat(slow.get("status").asText()).as(slow.toString()).isEqualTo("passed");
        assertThat(slow.get("measured").asDouble()).isLessThan(0.2);
    }

    @Test
    void maxFailsTakesADownInstanceBackSoonAfterItListensAgain() {
        String slug = "nginx-max-fails-ejects-a-down-instance-and-takes-it-back";
        JsonNode readmit = check(slug, "balance.readmits-within");
        assertThat(report(slug).get("verdict").asText()).as(readmit.toString()).isEqualTo("held");
        // fail_timeout=2s (whole seconds in nginx): the first live request after it may come at once or up to 3 s later.
        assertThat(readmit.get("measured").asDouble()).isLessThan(4.0);
        assertThat(readmit.get("explanation").asText()).startsWith("#1 after outage: first request ");
        assertThat(check(slug, "balance.max-share-error").get("status").asText()).isEqualTo("passed");
    }

    @Test
    void maxFailsEjectsAnInstanceAnswering503AfterOneRequestAndReadmitsItAfterFailTimeout() {
        String slug = "nginx-max-fails-ejects-an-instance-that-answers-503";
        JsonNode eject = check(slug, "balance.ejects-within");
        assertThat(eject.get("status").asText()).as(eject.toString()).isEqualTo("passed");
        assertThat(eject.get("measured").asDouble()).isLessThan(1.0);
        JsonNode readmit = check(slug, "balance.readmits-within");
        assertThat(readmit.get("status").asText()).as(readmit.toString()).isEqualTo("passed");
        // Ejected for fail_timeout (10 s, timed by nginx in whole seconds) from its one failure early in the 5 s
        // outage: back 5 to 6 s after it (measured 5.26 s and 6.11 s).
        assertThat(readmit.get("measured").asDouble()).isBetween(3.0, 7.0);
    }
}
