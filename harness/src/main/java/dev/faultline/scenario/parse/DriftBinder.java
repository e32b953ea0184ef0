package dev.faultline.scenario.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.upstream.spec.DriftMutation;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.JsonPath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a fault rule's {@code drift}: a list of one-key mutations, each a quoted JSONPath
 * ({@code - remove-field: '$.total'}) or a mapping with {@code path} and the mutation's options.
 */
final class DriftBinder {
    static final String FEATURE = "phases.faults.drift";

    private static final String MUTATIONS = "add-field, remove-field, null-field, rename-field, retype-field,"
            + " unknown-enum or reorder";
    private static final Map<String, DriftMutation.RetypeTo> TYPES = types();

    private final BindContext context;

    DriftBinder(BindContext context) {
        this.context = context;
    }

    private static Map<String, DriftMutation.RetypeTo> types() {
        Map<String, DriftMutation.RetypeTo> types = new LinkedHashMap<>();
        for (DriftMutation.RetypeTo to : DriftMutation.RetypeTo.values()) {
            types.put(to.word(), to);
        }
        return types;
    }

    /** The drift at {@code node}; empty when it has errors (already reported). */
    Optional<FaultAction> bind(Node node, KeyPath path) {
        Optional<List<Node>> items = context.values().nonEmptyList(node, path,
                "a list of mutations (such as - add-field: '$')", "at least one mutation: " + MUTATIONS);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        int errors = context.problems().count();
        List<DriftMutation> mutations = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            mutation(items.get().get(i), path.index(i)).ifPresent(mutations::add);
        }
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new FaultAction.Drift(mutations));
    }

    private Optional<DriftMutation> mutation(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "add-field", "remove-field", "null-field", "rename-field",
                "retype-field", "unknown-enum", "reorder");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        List<String> kinds = f.present("add-field", "remove-field", "null-field", "rename-field", "retype-field",
                "unknown-enum", "reorder");
        if (kinds.size() != 1) {
            if (kinds.size() > 1) {
                f.problem("a mutation has one key but has " + Messages.and(kinds) + " (write each as its own list item)");
            } else if (!f.hasUnknownKeys()) {
                f.problem("needs a mutation (expected " + MUTATIONS + ")");
            }
            return Optional.empty();
        }
        String kind = kinds.get(0);
        context.use(FEATURE + "." + kind, f, kind);
        Node value = f.get(kind).orElseThrow();
        KeyPath at = f.at(kind);
        switch (kind) {
            case "add-field":
                return addField(value, at);
            case "rename-field":
                return options(value, at, kind, "to").flatMap(o -> {
                    Optional<String> to = o.fields().required("to", "the new member name, such as to: amount")
                            .flatMap(n -> context.values().nonBlank(n, o.fields().at("to"), "a member name"));
                    return to.<DriftMutation>map(name -> new DriftMutation.RenameField(o.path(), name));
                }).filter(m -> endsInMember(m.path(), value, at, kind));
            case "retype-field":
                return options(value, at, kind, "to").map(o -> new DriftMutation.RetypeField(o.path(),
                        o.fields() == null || !o.fields().has("to") ? null
                                : o.fields().get("to").flatMap(n -> context.values().choice(n, o.fields().at("to"),
                                        "a JSON type", TYPES)).orElse(null)));
            case "unknown-enum":
                return options(value, at, kind, "value").map(o -> new DriftMutation.UnknownEnum(o.path(),
                        o.fields() == null ? null : o.fields().nonBlank("value", "an enum value").orElse(null)));
            case "reorder":
                return options(value, at, kind).map(o -> new DriftMutation.Reorder(o.path()));
            case "null-field":
                return options(value, at, kind).map(o -> new DriftMutation.NullField(o.path()));
            default: // remove-field
                return options(value, at, kind).<DriftMutation>map(o -> new DriftMutation.RemoveField(o.path()))
                        .filter(m -> notRoot(m.path(), value, at, kind));
        }
    }

    private Optional<DriftMutation> addField(Node value, KeyPath at) {
        return options(value, at, "add-field", "name", "value").flatMap(o -> {
            if (o.fields() == null) {
                return Optional.of(new DriftMutation.AddField(o.path(), null, null));
            }
            String name = o.fields().has("name") ? o.fields().nonBlank("name", "a member name").orElse(null) : null;
            String json = o.fields().get("value").map(DriftBinder::json).map(JsonNode::toString).orElse(null);
            return Optional.of(new DriftMutation.AddField(o.path(), name, json));
        });
    }

    /** A mutation's path and, when written as a mapping, its other keys ({@code fields} null for a bare path). */
    private record Options(JsonPath path, Fields fields) {
    }

    private Optional<Options> options(Node value, KeyPath at, String kind, String... extra) {
        if (value instanceof Node.Scalar scalar && scalar.kind() == Node.ScalarKind.STRING) {
            return jsonPath(scalar, at).map(p -> new Options(p, null));
        }
        if (!(value instanceof Node.Mapping)) {
            context.problems().add(value.location(), at, Messages.expected("a quoted JSONPath such as '$.items[*].id'"
                    + " or a mapping with path" + (extra.length == 0 ? "" : " and " + String.join(", ", extra)), value));
            return Optional.empty();
        }
        String[] known = new String[extra.length + 1];
        known[0] = "path";
        System.arraycopy(extra, 0, known, 1, extra.length);
        Optional<Fields> opened = context.open(value, at, known);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        Optional<Node> pathNode = f.required("path", "a quoted JSONPath, such as path: '$.items[*]'");
        if (pathNode.isEmpty()) {
            return Optional.empty();
        }
        if (!(pathNode.get() instanceof Node.Scalar scalar) || scalar.kind() != Node.ScalarKind.STRING) {
            context.problems().add(pathNode.get().location(), f.at("path"),
                    Messages.expected("a quoted JSONPath such as '$.items[*].id'", pathNode.get()));
            return Optional.empty();
        }
        return jsonPath(scalar, f.at("path")).map(p -> new Options(p, f));
    }

    private Optional<JsonPath> jsonPath(Node.Scalar scalar, KeyPath at) {
        try {
            return Optional.of(JsonPath.parse(scalar.text()));
        } catch (JsonPath.Invalid e) {
            context.problems().add(scalar.location(), at, Messages.quote(scalar.text()) + " is not a JSONPath of the"
                    + " subset $, .name, [N], [*]: at character " + (e.offset() + 1) + ", " + e.getMessage());
            return Optional.empty();
        }
    }

    private boolean notRoot(JsonPath path, Node value, KeyPath at, String kind) {
        if (path.isRoot()) {
            context.problems().add(value.location(), at, kind + " needs a member or an element ($.name, $.list[0],"
                    + " $.list[*]), not $ (the whole document)");
            return false;
        }
        return true;
    }

    private boolean endsInMember(JsonPath path, Node value, KeyPath at, String kind) {
        if (!(path.last() instanceof JsonPath.Member)) {
            context.problems().add(value.location(), at, kind + " renames a member, so its path ends in .name"
                    + " (such as $.items[*].total), but " + Messages.quote(path.text()) + " does not");
            return false;
        }
        return true;
    }

    /** A YAML value as JSON: numbers as numbers, booleans, null, strings, lists and mappings. */
    static JsonNode json(Node node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof Node.Mapping mapping) {
            ObjectNode object = f.objectNode();
            for (Node.Entry entry : mapping.entries()) {
                object.set(entry.key(), json(entry.value()));
            }
            return object;
        }
        if (node instanceof Node.Sequence sequence) {
            ArrayNode array = f.arrayNode();
            sequence.items().forEach(item -> array.add(json(item)));
            return array;
        }
        Node.Scalar scalar = (Node.Scalar) node;
        switch (scalar.kind()) {
            case NULL:
                return f.nullNode();
            case BOOLEAN:
                return f.booleanNode(scalar.truth());
            case INTEGER:
            case DECIMAL:
                return scalar.number() != null ? f.numberNode(scalar.number()) : f.textNode(scalar.text());
            default:
                return f.textNode(scalar.text());
        }
    }
}
