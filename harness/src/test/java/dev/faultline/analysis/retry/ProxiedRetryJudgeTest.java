package dev.faultline.analysis.retry;

import dev.faultline.journal.DependencyCall;
import dev.faultline.journal.Event;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proxy upstream's phase without fault rules, whose failures came from the real dependency (it
 * answered 503) or from the proxy itself (502: the dependency could not be reached), is judged like
 * a phase whose failures were injected, never "no fault fired, nothing to judge".
 */
class ProxiedRetryJudgeTest {
    @TempDir
    Path dir;

    private Scenario scenario() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: proxied
                upstreams:
                  payments:
                    proxy: http://127.0.0.1:9
                phases:
                  - {name: steady, duration: 5s}
                  - {name: outage, duration: 10s}
                expect:
                  retries:
                    upstream: payments
                    during: outage
                    max-attempts-per-call: 3
                """);
        LoadOutcome result = new ScenarioLoader().load(file);
        assertThat(result).as(result.toString()).isInstanceOf(LoadOutcome.Loaded.class);
        return ((LoadOutcome.Loaded) result).scenario();
    }

    /** One call in the outage, {@code attempts} attempts one second apart, each answered as {@code dependency} made it. */
    private static List<Event> journal(int attempts, int status, DependencyCall dependency, String effect) {
        List<Event> events = new ArrayList<>();
        events.add(new PhaseStarted(0, 0, "steady"));
        events.add(new PhaseStarted(5_000_000_000L, 1, "outage"));
        for (int i = 0; i < attempts; i++) {
            long at = 6_000_000_000L + i * 1_000_000_000L;
            events.add(new UpstreamRequest(at, at + 2_000_000, "payments", 0, i + 1, "GET", "/charge", "call-1", null, null,
                    null, effect, status, 5, -1, -1, null, null, UpstreamRequest.Outcome.COMPLETED, 0, dependency));
        }
        events.add(new RunEnded(15_000_000_000L, false));
        return events;
    }

    private static ExpectationResult attemptsPerCall(List<ExpectationResult> results) {
        return results.stream().filter(r -> r.id().equals("retries.max-attempts-per-call")).findFirst().orElseThrow();
    }

    @Test
    void theDependencysOwn503sAreJudged() throws IOException {
        Scenario s = scenario();
        ExpectationResult held = attemptsPerCall(RetryJudge.judge(s, journal(3, 503, new DependencyCall(503, 1_000_000, null), "proxy")));
        assertThat(held.status()).as(held.explanation()).isEqualTo(CheckStatus.PASSED);

        ExpectationResult storm = attemptsPerCall(RetryJudge.judge(s, journal(6, 503, new DependencyCall(503, 1_000_000, null), "proxy")));
        assertThat(storm.status()).as(storm.explanation()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void theProxysOwn502sAreJudged() throws IOException {
        ExpectationResult storm = attemptsPerCall(RetryJudge.judge(scenario(),
                journal(6, 502, new DependencyCall(0, 1_000_000, "Connection refused"), "proxy-error")));
        assertThat(storm.status()).as(storm.explanation()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void aHealthyDependencyIsStillNothingToJudge() throws IOException {
        ExpectationResult calm = attemptsPerCall(RetryJudge.judge(scenario(),
                journal(1, 200, new DependencyCall(200, 1_000_000, null), "proxy")));
        assertThat(calm.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(calm.explanation()).startsWith("no fault fired at payments during outage");
    }
}
