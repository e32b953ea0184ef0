package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.FaultRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule's seed key follows its own content, so its random stream survives edits to other rules. */
class SeedKeyTest {
    @TempDir
    Path dir;

    private List<FaultRule> rules(String phase, String items) {
        return new ScenarioFiles(dir).loaded("""
                name: t
                upstreams: {payments: {}, ledger: {}}
                phases:
                  - name: %s
                    duration: 10s
                    faults:
                %s""".formatted(phase, items)).phases().get(0).faults().values().stream().flatMap(List::stream).toList();
    }

    @Test
    void addingARuleBeforeAnotherLeavesTheOthersSeedKeyUnchanged() {
        FaultRule alone = rules("outage", """
                      payments:
                        - {match: {path: /charge}, probability: 0.3, respond: {status: 503}}
                """).get(0);
        List<FaultRule> after = rules("outage", """
                      payments:
                        - {delay: 100ms}
                        - {match: {path: /charge}, probability: 0.3, respond: {status: 503}}
                """);

        assertThat(after.get(1).id()).isEqualTo("outage/payments[1]").isNotEqualTo(alone.id());
        assertThat(after.get(1).seedKey()).isEqualTo(alone.seedKey());
        assertThat(after.get(0).seedKey()).isNotEqualTo(alone.seedKey());
    }

    @Test
    void layoutKeyOrderAndNumberSpellingDoNotChangeTheSeedKey() {
        FaultRule flow = rules("outage", """
                      payments:
                        - {probability: 0.50, respond: {status: 503}, match: {path: /charge}}
                """).get(0);
        FaultRule block = rules("outage", """
                      payments:
                        - match:
                            path: "/charge"
                          respond:
                            status: 503
                          probability: 0.5
                """).get(0);

        assertThat(block.seedKey()).isEqualTo(flow.seedKey());
    }

    @Test
    void identicalRulesInOneListGetDistinctSeedKeysByOccurrence() {
        List<FaultRule> twins = rules("outage", """
                      payments:
                        - {probability: 0.5, connection: drop}
                        - {probability: 0.5, connection: drop}
                """);

        assertThat(twins.get(0).seedKey()).endsWith("#0");
        assertThat(twins.get(1).seedKey()).endsWith("#1");
        assertThat(twins.get(0).seedKey().replace("#0", "#1")).isEqualTo(twins.get(1).seedKey());
    }

    @Test
    void theSameRuleInAnotherPhaseOrOnAnotherUpstreamHasAnotherSeedKey() {
        FaultRule outage = rules("outage", "      payments:\n        - {connection: drop}\n").get(0);
        FaultRule storm = rules("storm", "      payments:\n        - {connection: drop}\n").get(0);
        List<FaultRule> both = rules("outage",
                "      payments:\n        - {connection: drop}\n      ledger:\n        - {connection: drop}\n");

        assertThat(outage.seedKey()).startsWith("outage/payments/");
        assertThat(storm.seedKey()).startsWith("storm/payments/");
        assertThat(both.get(1).seedKey()).startsWith("outage/ledger/");
        assertThat(storm.seedKey().substring("storm/".length())).isEqualTo(outage.seedKey().substring("outage/".length()));
    }

    @Test
    void changingARuleChangesItsSeedKey() {
        FaultRule half = rules("outage", "      payments:\n        - {probability: 0.5, connection: drop}\n").get(0);
        FaultRule third = rules("outage", "      payments:\n        - {probability: 0.3, connection: drop}\n").get(0);

        assertThat(third.seedKey()).isNotEqualTo(half.seedKey());
    }
}
