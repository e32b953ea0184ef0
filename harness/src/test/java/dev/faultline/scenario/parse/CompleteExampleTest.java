package dev.faultline.scenario.parse;

import dev.faultline.scenario.CallsBy;
import dev.faultline.scenario.Expectations.HealthExpectation;
import dev.faultline.scenario.Expectations.LatencyExpectation;
import dev.faultline.scenario.Expectations.RetryExpectation;
import dev.faultline.scenario.FeatureUse;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.ProbesSpec;
import dev.faultline.scenario.Rate;
import dev.faultline.scenario.ReadySpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.Signal;
import dev.faultline.scenario.StopSpec;
import dev.faultline.scenario.TargetSpec;
import dev.faultline.scenario.Template;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
import dev.faultline.upstream.spec.UpstreamSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The complete example of SCENARIO-FORMAT.md, verbatim, loads with every value as the contract says. */
class CompleteExampleTest {
    static final String EXAMPLE = """
            name: checkout survives a payments outage
            description: Payments returns 503 for ten seconds; the checkout service must not storm it.
            seed: 7                                   # every random choice derives from it; --seed overrides

            upstreams:                                # fake upstreams, one Jetty server each
              payments:
                routes:                               # first match wins; nothing matched -> 404
                  - match: {method: POST, path: /charge}
                    respond: {status: 200, headers: {Content-Type: application/json}, body: '{"ok":true}'}
                  - match: {path: /health}
                    respond: {status: 200}

            target:                                   # the system under test, started by the harness
              run: [java, clients/CheckoutService.java]   # argv list, or one string run by /bin/sh -c
              workdir: .                              # relative to this file's folder (the default)
              env:
                PAYMENTS_URL: ${upstreams.payments.url}
              port: auto                              # a free port, given as ${target.port} and env PORT
              url: http://127.0.0.1:${target.port}
              ready: {http: /health/ready, timeout: 20s}   # or {log: "started"} | {port: true} | {after: 2s}
              stop: {signal: TERM, grace: 10s}        # at the end of the run; KILL after grace

            load:                                     # traffic the harness sends to the target (open loop)
              rate: 50/s
              requests:
                - {method: POST, path: /checkout, body: '{"cart":1}'}
              timeout: 2s

            probes:                                   # polled all through the run
              liveness:  {path: /health/live,  every: 250ms, timeout: 1s}
              readiness: {path: /health/ready, every: 250ms, timeout: 1s}

            phases:                                   # run in order; faults apply only inside their phase
              - name: steady
                duration: 10s
              - name: outage
                duration: 10s
                faults:
                  payments:
                    - match: {path: /charge}
                      respond: {status: 503, headers: {Retry-After: "2"}}
              - name: recovery
                duration: 10s

            expect:
              retries:
                upstream: payments
                during: outage
                max-amplification: 2.0
                honor-retry-after: true
                require-jitter: true
              health:
                readiness: {fails-within: 3s, recovers-within: 5s}
                liveness: {stays-up: true}
              latency:
                during: steady
                p99: 300ms
                min-success-rate: 0.99
            """;

    @TempDir
    Path dir;

    private Scenario load() {
        return new ScenarioFiles(dir).loaded(EXAMPLE);
    }

    @Test
    void theExampleLoadsWithItsNameDescriptionAndSeed() throws Exception {
        Scenario scenario = load();

        assertThat(scenario.file()).isEqualTo(dir.resolve("scenario.yaml").toAbsolutePath().normalize());
        assertThat(scenario.name()).isEqualTo("checkout survives a payments outage");
        assertThat(scenario.description())
                .isEqualTo("Payments returns 503 for ten seconds; the checkout service must not storm it.");
        assertThat(scenario.seed()).contains(7L);
        assertThat(scenario.journalCap()).isEqualTo(1_000_000);
    }

    @Test
    void theExampleUpstreamHasItsRoutesInOrder() {
        UpstreamSpec payments = load().upstreams().get("payments");

        assertThat(load().upstreams()).containsOnlyKeys("payments");
        assertThat(payments.port()).isZero();
        assertThat(payments.routes()).containsExactly(
                new Route(new RequestMatch("POST", PathPattern.of("/charge"), Map.of(), Map.of()),
                        Respond.of(200, Map.of("Content-Type", "application/json"), "{\"ok\":true}")),
                new Route(new RequestMatch(null, PathPattern.of("/health"), Map.of(), Map.of()), Respond.status(200)));
    }

    @Test
    void theExampleTargetIsStartedWithTemplatedEnvAndAnAutoPort() throws Exception {
        Scenario scenario = load();
        TargetSpec target = scenario.target().orElseThrow();

        TargetSpec.Command.Argv argv = (TargetSpec.Command.Argv) target.command().orElseThrow();
        assertThat(argv.args()).extracting(Template::raw).containsExactly("java", "clients/CheckoutService.java");
        assertThat(target.workdir()).isEqualTo(dir.toRealPath());
        assertThat(target.env()).containsOnlyKeys("PAYMENTS_URL");
        Template paymentsUrl = target.env().get("PAYMENTS_URL");
        assertThat(paymentsUrl.raw()).isEqualTo("${upstreams.payments.url}");
        assertThat(paymentsUrl.location().file()).isEqualTo(dir.resolve("scenario.yaml"));
        assertThat(paymentsUrl.location().line()).isEqualTo(17);
        assertThat(paymentsUrl.location().column()).isEqualTo(19);
        assertThat(target.port()).isEqualTo(new TargetSpec.PortPolicy.Auto());
        assertThat(target.url().orElseThrow().raw()).isEqualTo("http://127.0.0.1:${target.port}");
        assertThat(target.replicas()).isEqualTo(1);
        assertThat(target.ready()).isEqualTo(new ReadySpec.Http("/health/ready", Duration.ofSeconds(20)));
        assertThat(target.stop()).isEqualTo(new StopSpec(Signal.TERM, Duration.ofSeconds(10)));
    }

    @Test
    void theExampleLoadAndProbesKeepTheirDurations() {
        Scenario scenario = load();

        assertThat(scenario.load()).contains(new LoadSpec(
                List.of(new LoadSpec.RateStep(Duration.ZERO, new Rate(50))),
                List.of(new LoadSpec.LoadRequest("POST", "/checkout", Map.of(), Optional.of("{\"cart\":1}"), 1)),
                List.of(),
                Duration.ofSeconds(2)));
        assertThat(scenario.probes()).contains(new ProbesSpec(
                Optional.of(new ProbesSpec.Probe("/health/live", Duration.ofMillis(250), Duration.ofSeconds(1))),
                Optional.of(new ProbesSpec.Probe("/health/ready", Duration.ofMillis(250), Duration.ofSeconds(1))),
                Optional.empty()));
    }

    @Test
    void theExamplePhasesRunInOrderWithTheOutageRuleOnPayments() {
        List<PhaseSpec> phases = load().phases();

        assertThat(phases).extracting(PhaseSpec::name).containsExactly("steady", "outage", "recovery");
        assertThat(phases).extracting(PhaseSpec::index).containsExactly(0, 1, 2);
        assertThat(phases).extracting(PhaseSpec::duration).containsOnly(Duration.ofSeconds(10));
        assertThat(phases.get(0).injectsFaults()).isFalse();
        assertThat(phases.get(2).injectsFaults()).isFalse();
        FaultRule rule = phases.get(1).faultsFor("payments").get(0);
        assertThat(phases.get(1).faultsFor("payments")).hasSize(1);
        assertThat(rule.id()).isEqualTo("outage/payments[0]");
        assertThat(rule.seedKey()).startsWith("outage/payments/").endsWith("#0");
        assertThat(rule.match()).isEqualTo(new RequestMatch(null, PathPattern.of("/charge"), Map.of(), Map.of()));
        assertThat(rule.probability()).isEqualTo(1.0);
        assertThat(rule.first()).isZero();
        assertThat(rule.firstPerClient()).isFalse();
        assertThat(rule.delay()).isNull();
        assertThat(rule.action()).isEqualTo(new FaultAction.RespondWith(Respond.of(503, Map.of("Retry-After", "2"), "")));
    }

    @Test
    void theExampleExpectationsCarryTheirIdsAndLimits() {
        Scenario scenario = load();

        assertThat(scenario.expect().retries()).containsExactly(new RetryExpectation("retries", "payments",
                List.of("outage"), new CallsBy.Auto(), OptionalDouble.of(2.0), OptionalInt.empty(), OptionalDouble.empty(),
                Optional.of(true), Optional.of(true), Set.of(), OptionalDouble.empty(), Optional.empty()));
        assertThat(scenario.expect().health()).containsExactly(new HealthExpectation("health",
                Optional.of(Duration.ofSeconds(3)), Optional.of(Duration.ofSeconds(5)), Optional.of(true),
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(scenario.expect().latency()).containsExactly(new LatencyExpectation("latency", List.of("steady"),
                Optional.empty(), Optional.empty(), Optional.of(Duration.ofMillis(300)), Optional.empty(),
                OptionalDouble.of(0.99)));
        assertThat(scenario.expect().shutdown()).isEmpty();
        assertThat(scenario.expect().fairness()).isEmpty();
    }

    @Test
    void theExampleRecordsTheFeaturesItUses() {
        assertThat(load().features()).extracting(FeatureUse::key, FeatureUse::path).containsExactly(
                tuple("target.ready.http", "target.ready.http"),
                tuple("load", "load"),
                tuple("probes", "probes"),
                tuple("phases.faults.respond", "phases[1].faults.payments[0].respond"),
                tuple("expect.retries.honor-retry-after", "expect.retries.honor-retry-after"),
                tuple("expect.retries.require-jitter", "expect.retries.require-jitter"),
                tuple("expect.health", "expect.health"),
                tuple("expect.latency", "expect.latency"));
    }
}
