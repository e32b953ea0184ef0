package dev.faultline.scenario.parse;

import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.spec.FaultRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code upstreams.NAME.instances} and a fault rule's {@code instance}. */
class PoolLoaderTest {
    @TempDir
    Path dir;

    private ScenarioFiles files() {
        return new ScenarioFiles(dir);
    }

    /** A pool {@code api} of {@code instances}, and one phase whose rules (list items) are on it. */
    private static String pool(String instances, String rules) {
        return """
                name: t
                upstreams:
                  api: {instances: %s}
                phases:
                  - name: outage
                    duration: 10s
                    faults:
                      api:
                """.formatted(instances) + rules;
    }

    @Test
    void anUpstreamHasOneInstanceUnlessItSaysHowMany() {
        Scenario single = files().loaded("name: t\nupstreams: {api: {}}\n" + ScenarioFiles.ONE_PHASE);
        Scenario pool = files().loaded("name: t\nupstreams: {api: {instances: 3, port: 18100}}\n" + ScenarioFiles.ONE_PHASE);

        assertThat(single.upstreams().get("api").instances()).isEqualTo(1);
        assertThat(pool.upstreams().get("api").instances()).isEqualTo(3);
        assertThat(pool.upstreams().get("api").port(2)).isEqualTo(18102);
    }

    @Test
    void instancesMustBeBetweenOneAndSixtyFour() {
        assertThat(files().errors("name: t\nupstreams: {api: {instances: 0}}\n" + ScenarioFiles.ONE_PHASE)).containsExactly(
                "2:30: upstreams.api.instances: 0 is out of range (expected a number of instances (1..64) from 1 to 64)");
    }

    @Test
    void aPoolOnFixedPortsMayNotRunPastTheLastPortNorOverlapAnotherUpstream() {
        assertThat(files().errors("name: t\nupstreams:\n  api: {port: 65534, instances: 3}\n" + ScenarioFiles.ONE_PHASE))
                .containsExactly("3:22: upstreams.api.instances: 3 instances from port 65534 would need ports past 65535"
                        + " (the instances take consecutive ports from port; lower port, or set it to 0 for free ports)");
        assertThat(files().errors("name: t\nupstreams:\n  api: {port: 18100, instances: 3}\n  db: {port: 18102}\n"
                + ScenarioFiles.ONE_PHASE)).singleElement().asString()
                .startsWith("4:8: upstreams.db.port: port 18102 is already the port of upstream api");
    }

    @Test
    void aRuleWithoutInstanceAppliesToEveryInstanceAndOneWithItToThoseNamed() {
        List<FaultRule> rules = files().loaded(pool("3",
                "        - {delay: 1s}\n        - {instance: 1, connection: reset}\n        - {instance: [2, 0, 2], down: true}\n"))
                .phases().get(0).faultsFor("api");

        assertThat(rules.get(0).instances()).isEmpty();
        assertThat(rules.get(0).appliesTo(2)).isTrue();
        assertThat(rules.get(1).instances()).containsExactly(1);
        assertThat(rules.get(1).appliesTo(0)).isFalse();
        assertThat(rules.get(2).instances()).containsExactly(0, 2);
    }

    @Test
    void anInstanceMustBeOneThePoolHas() {
        assertThat(files().errors(pool("2", "        - {instance: 2, connection: reset}\n        - {instance: [], delay: 1s}\n")))
                .containsExactly(
                        "9:22: phases[0].faults.api[0].instance: 2 is out of range (expected an instance number, 0..1"
                                + " (instances are 0-based; the upstream has 2 instances) from 0 to 1)",
                        "10:22: phases[0].faults.api[1].instance: an empty list of instances (name at least one, or leave"
                                + " instance out so the rule applies to every instance)");
        assertThat(files().errors(pool("1", "        - {instance: 1, connection: reset}\n"))).singleElement().asString()
                .contains("the upstream has 1 instance; add instances: N to the upstream for a pool");
    }

    @Test
    void balanceNeedsAPoolAndOneWeightPerInstance() {
        String single = "name: t\nupstreams: {api: {}}\n" + ScenarioFiles.ONE_PHASE + "expect:\n  balance: {max-share-error: 0.1}\n";
        assertThat(files().errors(single)).singleElement().asString().endsWith("judges how requests spread over a pool, but"
                + " upstream api has one instance (add instances: N to it)");
        String pool = "name: t\nupstreams: {api: {instances: 3}}\n" + ScenarioFiles.ONE_PHASE
                + "expect:\n  balance: {weights: [3, 1], max-share-error: 0.1, match: {headers: {X-A: b}}}\n";
        assertThat(files().errors(pool)).anySatisfy(e -> assertThat(e).contains("expect.balance.weights: has 2 weights but"
                + " the upstream has 3 instances (expected a list of 3 weights, one per instance in instance order, such as"
                + " [3, 1, 1])")).anySatisfy(e -> assertThat(e).contains("expect.balance.match: can choose requests by"
                + " method and path only"));
    }

    @Test
    void stickyByFollowsTheClientOrAHeaderTheJournalKeeps() {
        String yaml = "name: t\nupstreams: {api: {instances: 2}}\n" + ScenarioFiles.ONE_PHASE
                + "expect:\n  balance: [{sticky-by: header:idempotency-key}, {sticky-by: client}, {sticky-by: header:X-User}]\n";
        assertThat(files().errors(yaml)).singleElement().asString().endsWith("expect.balance[2].sticky-by: \"header:X-User\""
                + " is not a key requests can be followed by (expected client, or header:NAME with a header the journal"
                + " keeps: X-Request-Id, Idempotency-Key, traceparent)");
    }
}
