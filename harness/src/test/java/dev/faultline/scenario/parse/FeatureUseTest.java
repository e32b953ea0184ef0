package dev.faultline.scenario.parse;

import dev.faultline.scenario.FeatureUse;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Every key whose runtime may be missing is recorded with its name, exact path and place. */
class FeatureUseTest {
    @TempDir
    Path dir;

    @Test
    void eachFeatureIsRecordedWithItsKeyPathAndLocationInFileOrder() {
        Scenario scenario = new ScenarioFiles(dir).loaded("""
                name: t
                upstreams: {payments: {}}
                target:
                  run: [java, S.java]
                  port: auto
                  url: http://127.0.0.1:${target.port}
                  replicas: 2
                  ready: {port: true}
                load:
                  tenants: [{name: a, rate: 1/s}]
                  requests: [{path: /}]
                probes:
                  readiness: {path: /ready}
                  startup: {path: /started}
                phases:
                  - name: chaos
                    duration: 10s
                    faults:
                      payments:
                        - {connection: drop, first: 2, by: client}
                        - {down: true}
                        - {body: garbage}
                        - {body: {dribble: {bytes: 1, every: 1s}}}
                        - {body: {truncate-after: 1}}
                        - {rate-limit: {limit: 1}}
                        - {delay: {uniform: [1ms, 2ms]}}
                        - {delay: {normal: {mean: 1ms, stddev: 1ms}}}
                        - {delay: {lognormal: {median: 1ms, sigma: 1}}}
                        - {delay: {pareto: {scale: 1ms, shape: 1}}, respond: {status: 500}}
                    actions: [{at: 1s, signal: TERM}]
                expect:
                  retries:
                    - {honor-retry-after: true, require-jitter: true, no-retry-on: 400, max-sync: 2, max-recovery: 1s}
                  health: {readiness: {fails-within: 1s}}
                  shutdown: {exit-code: 0}
                  fairness: {tenants: true, min-jain-index: 0.5}
                  latency: {p99: 1s}
                """);

        assertThat(scenario.features()).extracting(FeatureUse::key, FeatureUse::path).containsExactly(
                tuple("target.replicas", "target.replicas"),
                tuple("target.ready.port", "target.ready.port"),
                tuple("load", "load"),
                tuple("load.tenants", "load.tenants"),
                tuple("probes", "probes"),
                tuple("probes.startup", "probes.startup"),
                tuple("phases.faults.connection", "phases[0].faults.payments[0].connection"),
                tuple("phases.faults.first.by", "phases[0].faults.payments[0].by"),
                tuple("phases.faults.down", "phases[0].faults.payments[1].down"),
                tuple("phases.faults.body", "phases[0].faults.payments[2].body"),
                tuple("phases.faults.body.garbage", "phases[0].faults.payments[2].body"),
                tuple("phases.faults.body", "phases[0].faults.payments[3].body"),
                tuple("phases.faults.body.dribble", "phases[0].faults.payments[3].body.dribble"),
                tuple("phases.faults.body", "phases[0].faults.payments[4].body"),
                tuple("phases.faults.body.truncate-after", "phases[0].faults.payments[4].body.truncate-after"),
                tuple("phases.faults.rate-limit", "phases[0].faults.payments[5].rate-limit"),
                tuple("phases.faults.delay", "phases[0].faults.payments[6].delay"),
                tuple("phases.faults.delay.uniform", "phases[0].faults.payments[6].delay.uniform"),
                tuple("phases.faults.delay", "phases[0].faults.payments[7].delay"),
                tuple("phases.faults.delay.normal", "phases[0].faults.payments[7].delay.normal"),
                tuple("phases.faults.delay", "phases[0].faults.payments[8].delay"),
                tuple("phases.faults.delay.lognormal", "phases[0].faults.payments[8].delay.lognormal"),
                tuple("phases.faults.delay", "phases[0].faults.payments[9].delay"),
                tuple("phases.faults.delay.pareto", "phases[0].faults.payments[9].delay.pareto"),
                tuple("phases.faults.respond", "phases[0].faults.payments[9].respond"),
                tuple("phases.actions", "phases[0].actions"),
                tuple("expect.retries.honor-retry-after", "expect.retries[0].honor-retry-after"),
                tuple("expect.retries.require-jitter", "expect.retries[0].require-jitter"),
                tuple("expect.retries.no-retry-on", "expect.retries[0].no-retry-on"),
                tuple("expect.retries.max-sync", "expect.retries[0].max-sync"),
                tuple("expect.retries.max-recovery", "expect.retries[0].max-recovery"),
                tuple("expect.health", "expect.health"),
                tuple("expect.shutdown", "expect.shutdown"),
                tuple("expect.fairness", "expect.fairness"),
                tuple("expect.latency", "expect.latency"));
        Path file = dir.resolve("scenario.yaml");
        assertThat(scenario.features().get(0).location()).isEqualTo(new SourceLocation(file, 7, 3));
        assertThat(scenario.features()).filteredOn(f -> f.key().equals("phases.faults.connection"))
                .extracting(FeatureUse::location).containsExactly(new SourceLocation(file, 20, 12));
    }

    @Test
    void eachRateStepIsRecordedByItsStartTime() {
        Scenario scenario = new ScenarioFiles(dir).loaded("""
                name: t
                target: {url: "http://127.0.0.1:1"}
                load:
                  rate: [{at: 0s, rate: 1/s}, {at: 5s, rate: 2/s}]
                  requests: [{path: /}]
                """ + ScenarioFiles.ONE_PHASE);

        assertThat(scenario.features()).extracting(FeatureUse::key, FeatureUse::path).containsExactly(
                tuple("load", "load"), tuple("load.rate.at", "load.rate[0].at"), tuple("load.rate.at", "load.rate[1].at"));
    }

    @Test
    void eachReadyFormIsItsOwnFeatureAndOneReplicaIsNoFeature() {
        Scenario scenario = new ScenarioFiles(dir).loaded("""
                name: t
                target: {run: x, replicas: 1, ready: {log: up}}
                """ + ScenarioFiles.ONE_PHASE);

        assertThat(scenario.features()).extracting(FeatureUse::key).containsExactly("target.ready.log");
    }
}
