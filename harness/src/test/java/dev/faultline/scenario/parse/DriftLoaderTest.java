package dev.faultline.scenario.parse;

import dev.faultline.scenario.DriftExpectation;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.spec.DriftMutation;
import dev.faultline.upstream.spec.FaultAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** drift, deprecate, body bandwidth and expect.drift as the loader binds them, and its errors at LINE:COL. */
class DriftLoaderTest {
    @TempDir
    Path dir;

    private static String rules(String items) {
        return """
                name: t
                upstreams:
                  orders: {}
                phases:
                  - name: steady
                    duration: 1s
                  - name: drift
                    duration: 1s
                    faults:
                      orders:
                """ + items;
    }

    private FaultAction action(String items) {
        Scenario s = new ScenarioFiles(dir).loaded(rules(items));
        return s.phases().get(1).faultsFor("orders").get(0).action();
    }

    private List<String> errors(String items) {
        return new ScenarioFiles(dir).errors(rules(items));
    }

    @Test
    void everyMutationBindsFromAQuotedPathOrAMappingWithItsOptions() {
        FaultAction.Drift drift = (FaultAction.Drift) action("""
                        - drift:
                            - add-field: '$'
                            - add-field: {path: '$.items[*]', name: discount, value: {pct: 10, codes: [a, 1, true, null]}}
                            - remove-field: '$.total'
                            - null-field: {path: '$.items[0].qty'}
                            - rename-field: {path: '$.total', to: amount}
                            - retype-field: '$.id'
                            - retype-field: {path: '$.id', to: list}
                            - unknown-enum: '$.status'
                            - unknown-enum: {path: '$.status', value: LOST}
                            - reorder: '$'
                """);
        List<DriftMutation> m = drift.mutations();
        assertThat(m).extracting(DriftMutation::word).containsExactly("add-field", "add-field", "remove-field", "null-field",
                "rename-field", "retype-field", "retype-field", "unknown-enum", "unknown-enum", "reorder");
        assertThat(m.get(0)).isEqualTo(new DriftMutation.AddField(m.get(0).path(), null, null));
        DriftMutation.AddField named = (DriftMutation.AddField) m.get(1);
        assertThat(named.path().text()).isEqualTo("$.items[*]");
        assertThat(named.name()).isEqualTo("discount");
        assertThat(named.valueJson()).isEqualTo("{\"pct\":10,\"codes\":[\"a\",1,true,null]}");
        assertThat(((DriftMutation.RenameField) m.get(4)).to()).isEqualTo("amount");
        assertThat(((DriftMutation.RetypeField) m.get(5)).to()).isNull();
        assertThat(((DriftMutation.RetypeField) m.get(6)).to()).isEqualTo(DriftMutation.RetypeTo.LIST);
        assertThat(((DriftMutation.UnknownEnum) m.get(7)).value()).isNull();
        assertThat(((DriftMutation.UnknownEnum) m.get(8)).value()).isEqualTo("LOST");
    }

    @Test
    void deprecateTakesDatesAsIsoDatesOrDateTimesAndBandwidthCountsKAs1024() {
        FaultAction.Deprecate d = (FaultAction.Deprecate) action("""
                        - deprecate: {sunset: 2025-01-01, since: '2024-06-01T12:00:00+02:00', link: /v2/orders, gone: true}
                """);
        assertThat(d).isEqualTo(new FaultAction.Deprecate(Instant.parse("2025-01-01T00:00:00Z"), "/v2/orders",
                Instant.parse("2024-06-01T10:00:00Z"), true));
        assertThat(action("        - deprecate: {}\n")).isEqualTo(new FaultAction.Deprecate(null, null, null, false));
        assertThat(action("        - body: {bandwidth: 64KB/s}\n")).isEqualTo(new FaultAction.BandwidthBody(65_536));
        assertThat(action("        - body: {bandwidth: 1.5MB/s}\n")).isEqualTo(new FaultAction.BandwidthBody(1_572_864));
        assertThat(action("        - body: {bandwidth: 512B/s}\n")).isEqualTo(new FaultAction.BandwidthBody(512));
    }

    @Test
    void badMutationsAreReportedAtTheirLineAndColumnWithWhatIsExpected() {
        assertThat(errors("""
                        - drift:
                            - add-field: '$.items[x]'
                            - remove-field: '$'
                            - rename-field: {path: '$.items[0]', to: x}
                            - rename-field: {path: '$.total'}
                            - retype-field: {path: '$.id', to: text}
                            - grow-field: '$'
                            - {null-field: '$.a', reorder: '$'}
                            - reorder: [a]
                        - drift: []
                """)).containsExactly(
                "12:26: phases[1].faults.orders[0].drift[0].add-field: \"$.items[x]\" is not a JSONPath of the subset"
                        + " $, .name, [N], [*]: at character 9, [x] is not in the subset (expected [N], an index from 0, or"
                        + " [*]; write a member as .name)",
                "13:29: phases[1].faults.orders[0].drift[1].remove-field: remove-field needs a member or an element"
                        + " ($.name, $.list[0], $.list[*]), not $ (the whole document)",
                "14:29: phases[1].faults.orders[0].drift[2].rename-field: rename-field renames a member, so its path ends"
                        + " in .name (such as $.items[*].total), but \"$.items[0]\" does not",
                "15:29: phases[1].faults.orders[0].drift[3].rename-field: missing key \"to\" (expected the new member"
                        + " name, such as to: amount)",
                "16:48: phases[1].faults.orders[0].drift[4].retype-field.to: \"text\" is not a JSON type (expected one of:"
                        + " string, number, list, scalar)",
                "17:15: phases[1].faults.orders[0].drift[5].grow-field: unknown key \"grow-field\" (expected one of:"
                        + " add-field, null-field, remove-field, rename-field, reorder, retype-field, unknown-enum)",
                "18:15: phases[1].faults.orders[0].drift[6]: a mutation has one key but has null-field and reorder (write"
                        + " each as its own list item)",
                "19:24: phases[1].faults.orders[0].drift[7].reorder: expected a quoted JSONPath such as '$.items[*].id'"
                        + " or a mapping with path but found a list",
                "20:18: phases[1].faults.orders[1].drift: is empty (expected at least one mutation: add-field,"
                        + " remove-field, null-field, rename-field, retype-field, unknown-enum or reorder)");
    }

    @Test
    void badDeprecationsAndBandwidthsSayWhatIsExpected() {
        assertThat(errors("""
                        - deprecate: {sunset: next year, link: ''}
                        - deprecate: {sunset: 2025-01-01, since: 2025-06-01}
                        - body: {bandwidth: 64KB}
                        - body: {bandwidth: 0B/s}
                """)).containsExactly(
                "11:31: phases[1].faults.orders[0].deprecate.sunset: \"next year\" is not a date (expected an ISO date"
                        + " such as 2026-12-31 (midnight UTC) or a date and time such as 2026-12-31T12:00:00Z)",
                "11:48: phases[1].faults.orders[0].deprecate.link: is empty (expected the successor's URL, such as"
                        + " /v2/orders)",
                "12:43: phases[1].faults.orders[1].deprecate.since: is after sunset (an endpoint is deprecated before it"
                        + " goes away)",
                "13:29: phases[1].faults.orders[2].body.bandwidth: \"64KB\" is not a bandwidth (such as 512B/s, 64KB/s or"
                        + " 1.5MB/s; K = 1024)",
                "14:29: phases[1].faults.orders[3].body.bandwidth: 0B/s is below 1 byte a second (expected a bandwidth of"
                        + " at least 1B/s, such as 512B/s, 64KB/s or 1.5MB/s; K = 1024)");
    }

    @Test
    void expectDriftBindsItsChecksAndRefusesASuccessDropWithoutLoad() {
        Scenario s = new ScenarioFiles(dir).loaded(rules("        - drift: [reorder: '$']\n") + """
                expect:
                  drift:
                    - {max-calls-after-sunset: 0}
                    - {upstream: orders, during: drift, baseline: steady, max-calls-after-sunset: 2}
                """);
        assertThat(s.expect().drift()).containsExactly(
                new DriftExpectation("drift[0]", "orders", List.of(), Optional.empty(), java.util.OptionalDouble.empty(),
                        java.util.OptionalInt.of(0)),
                new DriftExpectation("drift[1]", "orders", List.of("drift"), Optional.of("steady"),
                        java.util.OptionalDouble.empty(), java.util.OptionalInt.of(2)));

        assertThat(new ScenarioFiles(dir).errors(rules("        - drift: [reorder: '$']\n") + """
                expect:
                  drift: {baseline: calm, max-success-drop: 0.1, during: [drift]}
                """)).containsExactly(
                "13:21: expect.drift.baseline: \"calm\" names no phase (known: steady, drift)",
                "13:27: expect.drift.max-success-drop: compares the success rate of the load the harness sends, so it"
                        + " needs load (add load with the target's requests)");
    }
}
