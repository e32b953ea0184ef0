package dev.faultline.scenario.parse;

import dev.faultline.scenario.Arrivals;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.LoadSpec.RateStep;
import dev.faultline.scenario.LoadSpec.Tenant;
import dev.faultline.scenario.ProbesSpec;
import dev.faultline.scenario.ProbesSpec.Probe;
import dev.faultline.scenario.Rate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code load} (rates, steps, tenants, the request mix) and {@code probes}. */
class LoadAndProbesLoaderTest {
    private static final String TARGET = "target: {url: \"http://127.0.0.1:8080\"}\n";

    @TempDir
    Path dir;

    private static String scenario(String yaml) {
        return "name: t\n" + TARGET + yaml + ScenarioFiles.ONE_PHASE;
    }

    private LoadSpec load(String yaml) {
        return new ScenarioFiles(dir).loaded(scenario(yaml)).load().orElseThrow();
    }

    private List<String> errors(String yaml) {
        return new ScenarioFiles(dir).errors(scenario(yaml));
    }

    @Test
    void requestsDefaultToGetWithWeightOneAndTheTimeoutToFiveSeconds() {
        LoadSpec load = load("load:\n  rate: 20/s\n  requests:\n    - {path: /a}\n    - {method: put, path: /b, weight: 3,"
                + " headers: {X-T: 1}, body: x}\n");

        assertThat(load.rate()).containsExactly(new RateStep(Duration.ZERO, new Rate(20)));
        assertThat(load.requests()).containsExactly(
                new LoadRequest("GET", "/a", Map.of(), Optional.empty(), 1),
                new LoadRequest("PUT", "/b", Map.of("X-T", "1"), Optional.of("x"), 3));
        assertThat(load.tenants()).isEmpty();
        assertThat(load.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(load.arrivals()).isEqualTo(Arrivals.CONSTANT);
    }

    @Test
    void arrivalsAreConstantOrPoisson() {
        assertThat(load("load:\n  rate: 20/s\n  arrivals: poisson\n  requests: [{path: /}]\n").arrivals())
                .isEqualTo(Arrivals.POISSON);
        assertThat(errors("load:\n  rate: 20/s\n  arrivals: uniform\n  requests: [{path: /}]\n")).containsExactly(
                "5:13: load.arrivals: \"uniform\" is not a way to space arrivals (expected one of: constant, poisson)");
    }

    @Test
    void aRateMayBeAListOfStepsFromZero() {
        LoadSpec load = load("""
                load:
                  rate:
                    - {at: 0s, rate: 50/s}
                    - {at: 5s, rate: 200/s}
                  requests: [{path: /}]
                """);

        assertThat(load.rate()).containsExactly(new RateStep(Duration.ZERO, new Rate(50)),
                new RateStep(Duration.ofSeconds(5), new Rate(200)));
    }

    @Test
    void rateStepsStartAtZeroAndIncrease() {
        assertThat(errors("""
                load:
                  rate:
                    - {at: 1s, rate: 50/s}
                    - {at: 1s, rate: 60/s}
                  requests: [{path: /}]
                """)).containsExactly(
                "5:8: load.rate[0].at: the first step is at 1s (expected the first step at 0s, the rate from the start of"
                        + " the run)",
                "6:8: load.rate[1].at: 1s is not after the previous step's 1s (expected steps in increasing order of at)");
    }

    @Test
    void tenantsEachHaveTheirOwnRateAndHeaders() {
        LoadSpec load = load("""
                load:
                  tenants:
                    - {name: big, rate: 100/s, headers: {X-Api-Key: big}}
                    - {name: small, rate: 600/m}
                  requests: [{path: /}]
                """);

        assertThat(load.rate()).isEmpty();
        assertThat(load.tenants()).containsExactly(new Tenant("big", new Rate(100), Map.of("X-Api-Key", "big")),
                new Tenant("small", new Rate(10), Map.of()));
    }

    @Test
    void tenantsNeedUniqueNamesAndARate() {
        assertThat(errors("""
                load:
                  tenants:
                    - {name: a, rate: 1/s}
                    - {name: a}
                  requests: [{path: /}]
                """)).containsExactly(
                "6:7: load.tenants[1]: missing key \"rate\" (expected the tenant's rate, such as rate: 20/s)",
                "6:8: load.tenants[1].name: duplicate tenant name \"a\" (first used by load.tenants[0]; names must be unique)");
    }

    @Test
    void loadNeedsRateOrTenantsButNotBoth() {
        assertThat(errors("load:\n  requests: [{path: /}]\n")).containsExactly(
                "4:3: load: needs rate or tenants (such as rate: 50/s)");
        assertThat(errors("load:\n  rate: 1/s\n  tenants: [{name: a, rate: 1/s}]\n  requests: [{path: /}]\n"))
                .containsExactly("4:3: load.rate: is not used when tenants are given, as each tenant has its own rate"
                        + " (remove rate, or remove tenants)");
    }

    @Test
    void loadNeedsRequestsWithPaths() {
        assertThat(errors("load:\n  rate: 1/s\n")).containsExactly(
                "4:3: load: missing key \"requests\" (expected the requests to send, such as requests: [{path: /checkout}])");
        assertThat(errors("load:\n  rate: 1/s\n  requests: []\n")).containsExactly(
                "5:13: load.requests: is empty (expected at least one request, such as [{path: /checkout}])");
        assertThat(errors("load:\n  rate: 1/s\n  requests: [{method: GET}, {path: x, weight: 0}]\n")).containsExactly(
                "5:14: load.requests[0]: missing key \"path\" (expected the path to request, such as path: /checkout)",
                "5:30: load.requests[1].path: \"x\" is not a path (expected a path starting with /, such as /checkout)",
                "5:47: load.requests[1].weight: 0 is out of range (expected a weight of at least 1)");
    }

    @Test
    void loadAndProbesNeedATargetUrl() {
        assertThat(new ScenarioFiles(dir).errors("""
                name: t
                load: {rate: 1/s, requests: [{path: /}]}
                probes: {readiness: {path: /ready}}
                """ + ScenarioFiles.ONE_PHASE)).containsExactly(
                "2:1: load: needs target.url to send requests to (add a target with url)",
                "3:1: probes: needs target.url to poll (add a target with url)");
    }

    @Test
    void probesDefaultToEverySecondWithAOneSecondTimeout() {
        ProbesSpec probes = new ScenarioFiles(dir).loaded(scenario("""
                probes:
                  readiness: {path: /ready}
                  startup: {path: /started, every: 100ms, timeout: 2s}
                """)).probes().orElseThrow();

        assertThat(probes).isEqualTo(new ProbesSpec(Optional.empty(),
                Optional.of(new Probe("/ready", Duration.ofSeconds(1), Duration.ofSeconds(1))),
                Optional.of(new Probe("/started", Duration.ofMillis(100), Duration.ofSeconds(2)))));
    }

    @Test
    void aProbeNeedsAPathAndProbesNeedAtLeastOneProbe() {
        assertThat(errors("probes:\n  liveness: {every: 1s}\n")).containsExactly(
                "4:13: probes.liveness: missing key \"path\" (expected the path to poll, such as path: /health/live)");
        assertThat(errors("probes: {}\n")).containsExactly(
                "3:9: probes: declares no probe (expected liveness, readiness or startup)");
    }
}
