package dev.faultline.scenario.parse;

import dev.faultline.scenario.CallsBy;
import dev.faultline.scenario.Expectations;
import dev.faultline.scenario.Expectations.FairnessExpectation;
import dev.faultline.scenario.Expectations.RetryExpectation;
import dev.faultline.scenario.Expectations.ShutdownExpectation;
import dev.faultline.scenario.Rate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code expect}: each kind as one mapping or a list, with ids, defaults, and what each check needs. */
class ExpectLoaderTest {
    /** Two upstreams, a started target with a url, load with tenants, both probes, three phases. */
    private static final String EVERYTHING = """
            name: t
            upstreams:
              payments: {}
              ledger: {}
            target: {run: [java, S.java], port: auto, url: "http://127.0.0.1:${target.port}"}
            load:
              tenants: [{name: a, rate: 10/s}]
              requests: [{path: /}]
            probes:
              liveness: {path: /live}
              readiness: {path: /ready}
            phases:
              - {name: steady, duration: 10s}
              - name: outage
                duration: 10s
                faults: {ledger: [{rate-limit: {limit: 5}}]}
              - {name: recovery, duration: 10s}
            expect:
            """;

    @TempDir
    Path dir;

    private Expectations expect(String base, String yaml) {
        return new ScenarioFiles(dir).loaded(base + yaml).expect();
    }

    private List<String> errors(String base, String yaml) {
        return new ScenarioFiles(dir).errors(base + yaml);
    }

    @Test
    void aListOfRetryChecksGivesEachItsIndexedId() {
        List<RetryExpectation> retries = expect(EVERYTHING, """
                  retries:
                    - {upstream: payments, during: outage, max-amplification: 1.5}
                    - upstream: ledger
                      during: [steady, recovery]
                      by: header:Idempotency-Key
                      max-attempts-per-call: 3
                      max-retry-ratio: 0.1
                      no-retry-on: [400, 404]
                      max-sync: 2
                      max-recovery: 5s
                """).retries();

        assertThat(retries).containsExactly(
                new RetryExpectation("retries[0]", "payments", List.of("outage"), new CallsBy.Auto(), OptionalDouble.of(1.5),
                        OptionalInt.empty(), OptionalDouble.empty(), Optional.empty(), Optional.empty(), Set.of(),
                        OptionalDouble.empty(), Optional.empty()),
                new RetryExpectation("retries[1]", "ledger", List.of("steady", "recovery"),
                        new CallsBy.Header("Idempotency-Key"), OptionalDouble.empty(), OptionalInt.of(3),
                        OptionalDouble.of(0.1), Optional.empty(), Optional.empty(), Set.of(400, 404), OptionalDouble.of(2),
                        Optional.of(Duration.ofSeconds(5))));
    }

    @Test
    void retriesWatchTheOnlyUpstreamWhenThereIsOneAndEveryFaultyPhaseWhenDuringIsOmitted() {
        RetryExpectation retries = expect("""
                name: t
                upstreams: {payments: {}}
                phases: [{name: a, duration: 1s}]
                expect:
                """, "  retries: {no-retry-on: 501, by: client}\n").retries().get(0);

        assertThat(retries.id()).isEqualTo("retries");
        assertThat(retries.upstream()).isEqualTo("payments");
        assertThat(retries.during()).isEmpty();
        assertThat(retries.callsBy()).isEqualTo(new CallsBy.Client());
        assertThat(retries.noRetryOn()).containsExactly(501);
    }

    @Test
    void retriesNeedAnUpstreamWhenThereAreSeveral() {
        assertThat(errors(EVERYTHING, "  retries: {max-amplification: 2}\n")).containsExactly(
                "19:12: expect.retries: missing key \"upstream\" (expected the upstream whose retries to check; known:"
                        + " payments, ledger)");
    }

    @Test
    void retriesNameExistingUpstreamsAndPhases() {
        assertThat(errors(EVERYTHING, "  retries: {upstream: paymnts, during: [outge], max-sync: 0.5, by: id}\n"))
                .containsExactly(
                        "19:13: expect.retries.upstream: \"paymnts\" names no upstream (known: payments, ledger)",
                        "19:41: expect.retries.during[0]: \"outge\" names no phase (known: steady, outage, recovery)",
                        "19:59: expect.retries.max-sync: 0.5 is out of range (expected a number of at least 1)",
                        "19:68: expect.retries.by: \"id\" is not a way to group attempts into calls (expected auto,"
                                + " client or header:NAME, such as header:X-Request-Id)");
    }

    @Test
    void anEntryThatChecksNothingIsAnError() {
        assertThat(errors(EVERYTHING, "  retries: {upstream: payments, during: outage}\n")).containsExactly(
                "19:12: expect.retries: checks nothing (expected at least one of: max-amplification, max-attempts-per-call,"
                        + " max-retry-ratio, honor-retry-after, require-jitter, no-retry-on, max-sync, max-recovery)");
    }

    @Test
    void healthChecksNeedTheProbesTheyWatch() {
        assertThat(errors("""
                name: t
                target: {url: "http://h:1"}
                phases: [{name: a, duration: 1s}]
                expect:
                """, """
                  health:
                    readiness: {fails-within: 3s}
                    liveness: {stays-up: true}
                    max-false-healthy: 1s
                    max-probe-latency: 100ms
                """)).containsExactly(
                "6:5: expect.health.readiness: needs probes.readiness to watch (add probes: {readiness: {path:"
                        + " /health/ready}})",
                "7:5: expect.health.liveness: needs probes.liveness to watch (add probes: {liveness: {path: /health/live}})",
                "8:5: expect.health.max-false-healthy: needs probes.readiness to watch (add probes: {readiness: {path:"
                        + " /health/ready}})",
                "8:5: expect.health.max-false-healthy: needs load, whose success rate is the truth readiness is judged"
                        + " against (add load)",
                "9:5: expect.health.max-probe-latency: needs a probe to time (add probes)");
    }

    @Test
    void healthChecksAreReadWithTheirDurations() {
        var health = expect(EVERYTHING, """
                  health:
                    readiness: {recovers-within: 5s}
                    max-false-unhealthy: 2s
                    max-probe-latency: 200ms
                """).health().get(0);

        assertThat(health.readinessFailsWithin()).isEmpty();
        assertThat(health.readinessRecoversWithin()).contains(Duration.ofSeconds(5));
        assertThat(health.livenessStaysUp()).isEmpty();
        assertThat(health.maxFalseUnhealthy()).contains(Duration.ofSeconds(2));
        assertThat(health.maxProbeLatency()).contains(Duration.ofMillis(200));
    }

    @Test
    void shutdownExitCodeIsOneOrAList() {
        List<ShutdownExpectation> shutdown = expect(EVERYTHING, """
                  shutdown:
                    - {exit-code: 0, max-drain: 5s, max-failed-in-flight: 0}
                    - {exit-code: [0, 143], readiness-fails-before-exit: true}
                """).shutdown();

        assertThat(shutdown).containsExactly(
                new ShutdownExpectation("shutdown[0]", Optional.of(Duration.ofSeconds(5)), OptionalInt.of(0), List.of(0),
                        Optional.empty()),
                new ShutdownExpectation("shutdown[1]", Optional.empty(), OptionalInt.empty(), List.of(0, 143),
                        Optional.of(true)));
    }

    @Test
    void shutdownNeedsATargetTheHarnessStops() {
        assertThat(errors("name: t\nphases: [{name: a, duration: 1s}]\nexpect:\n", "  shutdown: {exit-code: 256}\n"))
                .containsExactly(
                        "4:13: expect.shutdown: needs a target the harness starts and stops (add target.run)",
                        "4:25: expect.shutdown.exit-code: 256 is out of range (expected an exit code from 0 to 255)");
    }

    @Test
    void fairnessIsAmongReplicasAtAnUpstreamOrAmongTenants() {
        List<FairnessExpectation> fairness = expect(EVERYTHING, """
                  fairness:
                    - {upstream: ledger, min-jain-index: 0.9, max-limit-error: 0.1}
                    - {tenants: true, max-limit-error: 0.2, limit: 100/s, honor-retry-after: true}
                """).fairness();

        assertThat(fairness).containsExactly(
                new FairnessExpectation("fairness[0]", Optional.of("ledger"), false, List.of(), OptionalDouble.of(0.9),
                        Optional.empty(), OptionalDouble.of(0.1), Optional.empty(), false, OptionalDouble.empty(),
                        OptionalDouble.empty(), Optional.empty()),
                new FairnessExpectation("fairness[1]", Optional.empty(), true, List.of(), OptionalDouble.empty(), Optional.of(true),
                        OptionalDouble.of(0.2), Optional.of(new Rate(100)), false, OptionalDouble.empty(),
                        OptionalDouble.empty(), Optional.empty()));
    }

    @Test
    void fairnessNamesItsPhasesAndTheChecksOfEachSide() {
        List<FairnessExpectation> fairness = expect(EVERYTHING, """
                  fairness:
                    - {upstream: ledger, during: outage, min-goodput: 0.9, max-herd: 2}
                    - {tenants: true, during: [steady, outage], max-limit-error: 0.1, limit: 10/s, by: tenant,
                       valid-ratelimit-headers: true}
                """).fairness();

        assertThat(fairness).containsExactly(
                new FairnessExpectation("fairness[0]", Optional.of("ledger"), false, List.of("outage"), OptionalDouble.empty(),
                        Optional.empty(), OptionalDouble.empty(), Optional.empty(), false, OptionalDouble.of(0.9),
                        OptionalDouble.of(2), Optional.empty()),
                new FairnessExpectation("fairness[1]", Optional.empty(), true, List.of("steady", "outage"),
                        OptionalDouble.empty(), Optional.empty(), OptionalDouble.of(0.1), Optional.of(new Rate(10)), true,
                        OptionalDouble.empty(), OptionalDouble.empty(), Optional.of(true)));
    }

    @Test
    void eachFairnessCheckIsRefusedOnTheSideItCannotJudge() {
        assertThat(errors(EVERYTHING, """
                  fairness:
                    - {tenants: true, min-goodput: 0.9, max-herd: 2}
                    - {upstream: ledger, valid-ratelimit-headers: true, max-limit-error: 0.1, limit: 5/s, by: tenant}
                    - {upstream: payments, min-goodput: 0.9}
                    - {tenants: true, max-limit-error: 0.1, limit: 5/s, by: everyone}
                    - {tenants: true, min-jain-index: 0.9, by: tenant}
                """)).containsExactly(
                "20:23: expect.fairness[0].min-goodput: judges target replicas at a fake upstream's limit, so it needs"
                        + " upstream (the tenants are the harness's own load)",
                "20:41: expect.fairness[0].max-herd: judges target replicas at a fake upstream's limit, so it needs"
                        + " upstream (the tenants are the harness's own load)",
                "21:26: expect.fairness[1].valid-ratelimit-headers: judges the RateLimit fields of the target's own"
                        + " limiter, so it needs tenants: true (at a fake upstream the harness writes them itself)",
                "21:91: expect.fairness[1].by: says whose the target's limit is, so it needs tenants: true (at an"
                        + " upstream the rate-limit fault's by says it)",
                "22:28: expect.fairness[2].min-goodput: needs a rate-limit fault on \"payments\" to know what the limit"
                        + " allows (add one to a phase)",
                "23:61: expect.fairness[3].by: \"everyone\" is not whose limit it is (expected one of: global,"
                        + " tenant)",
                "24:44: expect.fairness[4].by: is used only with limit (add limit, such as limit: 10/s, or remove"
                        + " by)");
    }

    @Test
    void fairnessTakesUpstreamXorTenants() {
        assertThat(errors(EVERYTHING, """
                  fairness:
                    - {upstream: ledger, tenants: true, min-jain-index: 0.9}
                    - {min-jain-index: 0.9}
                """)).containsExactly(
                "20:7: expect.fairness[0]: takes upstream or tenants: true, not both (keep one)",
                "21:7: expect.fairness[1]: needs upstream (fairness among target replicas at a limiting upstream) or"
                        + " tenants: true (fairness of the target's own limiter among load tenants)");
    }

    @Test
    void theLimitErrorNeedsALimitToCompareWith() {
        assertThat(errors(EVERYTHING, """
                  fairness:
                    - {upstream: payments, max-limit-error: 0.1}
                    - {tenants: true, max-limit-error: 0.1}
                    - {tenants: true, min-jain-index: 0.5, limit: 10/s}
                """)).containsExactly(
                "20:28: expect.fairness[0].max-limit-error: needs a limit to compare with (add limit, or a rate-limit"
                        + " fault on \"payments\")",
                "21:23: expect.fairness[1].max-limit-error: needs limit, the target's configured limit, to compare with"
                        + " (add limit, such as limit: 100/s)",
                "22:44: expect.fairness[2].limit: is used only by max-limit-error (add max-limit-error, or remove limit)");
    }

    @Test
    void tenantFairnessNeedsLoadTenants() {
        assertThat(errors("name: t\nphases: [{name: a, duration: 1s}]\nexpect:\n", "  fairness: {tenants: true,"
                + " min-jain-index: 0.8}\n")).containsExactly(
                "4:14: expect.fairness.tenants: tenants: true needs load.tenants (declare the tenants under load)");
    }

    @Test
    void latencyChecksNeedLoadAndNameExistingPhases() {
        assertThat(errors("name: t\nphases: [{name: a, duration: 1s}]\nexpect:\n",
                "  latency: {during: b, p99: 300, min-success-rate: 1.5}\n")).containsExactly(
                "4:12: expect.latency: measures the load the harness sends, so it needs load (add load)",
                "4:21: expect.latency.during: \"b\" names no phase (known: a)",
                "4:29: expect.latency.p99: 300 has no unit (use 300s or 300000ms)",
                "4:52: expect.latency.min-success-rate: 1.5 is out of range (expected a number from 0 to 1)");
    }

    @Test
    void aKindIsAMappingOrAList() {
        assertThat(errors(EVERYTHING, "  latency: fast\n")).containsExactly(
                "19:12: expect.latency: expected a mapping (keys: during, max, min-success-rate, p50, p90, p99) but found"
                        + " \"fast\"");
        assertThat(errors(EVERYTHING, "  latency: []\n")).containsExactly(
                "19:12: expect.latency: is empty (expected one mapping of checks, or a list of them)");
    }
}
