package dev.faultline.upstream.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.upstream.spec.DriftMutation;
import dev.faultline.upstream.spec.DriftMutation.RetypeTo;
import dev.faultline.upstream.spec.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each drift mutation on a real JSON document, parsed back with Jackson. */
class JsonDriftTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = "{\"id\":42,\"status\":\"SHIPPED\",\"total\":19.5,\"code\":\"17\","
            + "\"items\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-2\",\"qty\":1}]}";
    private static final String JSON_TYPE = "application/json";

    private static JsonPath p(String path) {
        return JsonPath.parse(path);
    }

    private static DriftOutcome drift(String body, DriftMutation... mutations) {
        return new JsonDrift(List.of(mutations), 15).apply(body.getBytes(StandardCharsets.UTF_8), JSON_TYPE);
    }

    private static JsonNode tree(DriftOutcome outcome) throws IOException {
        assertThat(outcome.applied()).as(outcome.skipped()).isTrue();
        return JSON.readTree(outcome.body());
    }

    @Test
    void addFieldPutsASeededMemberIntoEveryObjectAtThePathAndTheSameSeedChoosesTheSame() throws IOException {
        DriftOutcome outcome = drift(ORDER, new DriftMutation.AddField(p("$.items[*]"), null, null));
        JsonNode order = tree(outcome);
        List<String> added = new ArrayList<>();
        order.get("items").get(0).fieldNames().forEachRemaining(added::add);
        assertThat(added).hasSize(3).startsWith("sku", "qty");
        String name = added.get(2);
        assertThat(name).matches("[a-z]+_[0-9a-f]{4}");
        assertThat(order.get("items").get(1).has(name)).isTrue();
        assertThat(order.get("items").get(0).get(name)).isEqualTo(order.get("items").get(1).get(name));
        assertThat(outcome.mutations()).containsExactly("add-field $.items[*]: 2 changed, name \"" + name + "\" = "
                + order.get("items").get(0).get(name));

        assertThat(drift(ORDER, new DriftMutation.AddField(p("$.items[*]"), null, null)).body()).isEqualTo(outcome.body());
        DriftOutcome otherSeed = new JsonDrift(List.of(new DriftMutation.AddField(p("$"), null, null)), 16)
                .apply(ORDER.getBytes(StandardCharsets.UTF_8), JSON_TYPE);
        DriftOutcome sameSeed = new JsonDrift(List.of(new DriftMutation.AddField(p("$"), null, null)), 15)
                .apply(ORDER.getBytes(StandardCharsets.UTF_8), JSON_TYPE);
        assertThat(otherSeed.mutations()).isNotEqualTo(sameSeed.mutations());
    }

    @Test
    void addFieldWithANameAndAValueAddsExactlyThat() throws IOException {
        JsonNode order = tree(drift(ORDER, new DriftMutation.AddField(p("$"), "promo", "{\"code\":\"X\",\"pct\":10}")));
        assertThat(order.get("promo").toString()).isEqualTo("{\"code\":\"X\",\"pct\":10}");
        assertThat(order.get("id").asInt()).isEqualTo(42);
    }

    @Test
    void removeFieldRemovesMembersAndArrayElements() throws IOException {
        JsonNode order = tree(drift(ORDER, new DriftMutation.RemoveField(p("$.total")),
                new DriftMutation.RemoveField(p("$.items[*].qty")), new DriftMutation.RemoveField(p("$.items[0]"))));
        assertThat(order.has("total")).isFalse();
        assertThat(order.get("items")).hasSize(1);
        assertThat(order.get("items").get(0).toString()).isEqualTo("{\"sku\":\"B-2\"}");
        DriftOutcome all = drift(ORDER, new DriftMutation.RemoveField(p("$.items[*]")));
        assertThat(tree(all).get("items")).isEmpty();
        assertThat(all.mutations()).containsExactly("remove-field $.items[*]: 2 changed");
    }

    @Test
    void nullFieldKeepsTheMemberWithNull() throws IOException {
        DriftOutcome outcome = drift(ORDER, new DriftMutation.NullField(p("$.total")), new DriftMutation.NullField(p("$.nothing")));
        JsonNode order = tree(outcome);
        assertThat(order.has("total")).isTrue();
        assertThat(order.get("total").isNull()).isTrue();
        assertThat(outcome.mutations()).containsExactly("null-field $.total: 1 changed", "null-field $.nothing: 0 changed");
    }

    @Test
    void renameFieldRenamesInPlaceKeepingTheOrder() throws IOException {
        JsonNode order = tree(drift(ORDER, new DriftMutation.RenameField(p("$.total"), "amount")));
        List<String> names = new ArrayList<>();
        order.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "status", "amount", "code", "items");
        assertThat(order.get("amount").asDouble()).isEqualTo(19.5);
    }

    @Test
    void retypeFieldGivesEachTypeItsUsualDriftOrTheNamedType() throws IOException {
        JsonNode usual = tree(drift(ORDER, new DriftMutation.RetypeField(p("$.id"), null),
                new DriftMutation.RetypeField(p("$.code"), null), new DriftMutation.RetypeField(p("$.status"), null),
                new DriftMutation.RetypeField(p("$.items"), null)));
        assertThat(usual.get("id").isTextual()).isTrue();
        assertThat(usual.get("id").asText()).isEqualTo("42");
        assertThat(usual.get("code").isNumber()).isTrue();
        assertThat(usual.get("code").asInt()).isEqualTo(17);
        assertThat(usual.get("status").toString()).isEqualTo("[\"SHIPPED\"]");
        assertThat(usual.get("items").toString()).isEqualTo("{\"sku\":\"A-1\",\"qty\":2}");

        JsonNode named = tree(drift(ORDER, new DriftMutation.RetypeField(p("$.total"), RetypeTo.STRING),
                new DriftMutation.RetypeField(p("$.code"), RetypeTo.NUMBER),
                new DriftMutation.RetypeField(p("$.id"), RetypeTo.LIST),
                new DriftMutation.RetypeField(p("$.items[*]"), RetypeTo.SCALAR)));
        assertThat(named.get("total").asText()).isEqualTo("19.5");
        assertThat(named.get("total").isTextual()).isTrue();
        assertThat(named.get("code").isNumber()).isTrue();
        assertThat(named.get("id").toString()).isEqualTo("[42]");
        assertThat(named.get("items").get(0).isTextual()).isTrue();
        assertThat(named.get("items").get(0).asText()).isEqualTo("{\"sku\":\"A-1\",\"qty\":2}");
    }

    @Test
    void unknownEnumSendsASeededValueUnlikeTheOldOrTheOneGiven() throws IOException {
        DriftOutcome seeded = drift(ORDER, new DriftMutation.UnknownEnum(p("$.status"), null));
        String value = tree(seeded).get("status").asText();
        assertThat(value).isNotEqualTo("SHIPPED").matches("[A-Z_]+");
        assertThat(seeded.mutations()).containsExactly("unknown-enum $.status: 1 changed, value \"" + value + "\"");
        assertThat(tree(drift(ORDER, new DriftMutation.UnknownEnum(p("$.status"), "LOST"))).get("status").asText())
                .isEqualTo("LOST");
    }

    @Test
    void reorderChangesTheOrderOfTheMembersAndNothingElse() throws IOException {
        JsonNode before = JSON.readTree(ORDER);
        JsonNode order = tree(drift(ORDER, new DriftMutation.Reorder(p("$")), new DriftMutation.Reorder(p("$.items[*]"))));
        List<String> names = new ArrayList<>();
        order.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("id", "status", "total", "code", "items")
                .isNotEqualTo(List.of("id", "status", "total", "code", "items"));
        List<String> itemNames = new ArrayList<>();
        order.get("items").get(0).fieldNames().forEachRemaining(itemNames::add);
        assertThat(itemNames).containsExactly("qty", "sku");
        assertThat(order).isEqualTo(before); // Jackson's object equality ignores member order
    }

    @Test
    void onlyJsonBodiesAreChangedTheRestGoOutAsTheyCameWithTheReason() {
        byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);
        JsonDrift drift = new JsonDrift(List.of(new DriftMutation.AddField(p("$"), "x", "1")), 15);
        assertThat(drift.apply(body, "application/problem+json; charset=utf-8").applied()).isTrue();
        assertThat(drift.apply(body, "Application/JSON").applied()).isTrue();
        DriftOutcome text = drift.apply(body, "text/plain");
        assertThat(text.applied()).isFalse();
        assertThat(text.body()).isSameAs(body);
        assertThat(text.skipped()).isEqualTo("not JSON: text/plain");
        assertThat(drift.apply(body, null).skipped()).isEqualTo("not JSON: no Content-Type");
        assertThat(drift.apply("{\"a\":".getBytes(StandardCharsets.UTF_8), JSON_TYPE).skipped()).startsWith("not valid JSON");
        assertThat(drift.apply(new byte[0], JSON_TYPE).skipped()).isEqualTo("no body");
    }
}
