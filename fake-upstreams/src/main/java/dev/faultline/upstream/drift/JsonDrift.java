package dev.faultline.upstream.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.upstream.spec.DriftMutation;
import dev.faultline.upstream.spec.JsonPath;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A drift rule's mutations, ready to apply to any response body: a route's, or later a real
 * dependency's through a proxy. Only JSON bodies ({@link JsonMediaType}) are changed; the mutations
 * apply in order to one parsed tree, which is then written back compactly. Seeded choices (an added
 * field's name and value, an unknown enum value, an order of members) are fixed per rule from one
 * seed, so the same run seed changes the same bodies the same way. Immutable and threadsafe.
 */
public final class JsonDrift {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    // The document hangs under this member of a holder object, so even $ has a parent to be replaced in.
    private static final String ROOT = "$";

    private final List<DriftMutation> mutations;
    private final SeededChoices choices;
    private final List<JsonNode> addedValues;
    private final List<String> addedNames;

    /**
     * @param mutations the rule's mutations, in order
     * @param seed      the rule's own seed (from the run seed, the upstream and the rule)
     */
    public JsonDrift(List<DriftMutation> mutations, long seed) {
        this.mutations = List.copyOf(mutations);
        this.choices = new SeededChoices(seed);
        this.addedNames = new ArrayList<>();
        this.addedValues = new ArrayList<>();
        for (int i = 0; i < this.mutations.size(); i++) {
            String name = null;
            JsonNode value = null;
            if (this.mutations.get(i) instanceof DriftMutation.AddField add) {
                name = add.name() != null ? add.name() : choices.fieldName(i);
                value = add.valueJson() != null ? parse(add.valueJson()) : choices.fieldValue(i);
            }
            addedNames.add(name);
            addedValues.add(value);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("add-field value is not JSON: " + json, e);
        }
    }

    /** The mutations, in order. */
    public List<DriftMutation> mutations() {
        return mutations;
    }

    /**
     * Applies the mutations to a body of this content type.
     *
     * @param contentType the response's {@code Content-Type}, or {@code null}
     */
    public DriftOutcome apply(byte[] body, String contentType) {
        if (!JsonMediaType.isJson(contentType)) {
            return DriftOutcome.leftAlone(body, "not JSON: " + (contentType == null ? "no Content-Type" : contentType));
        }
        if (body.length == 0) {
            return DriftOutcome.leftAlone(body, "no body");
        }
        JsonNode document;
        try {
            document = MAPPER.readTree(body);
        } catch (IOException e) {
            return DriftOutcome.leftAlone(body, "not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (document == null || document.isMissingNode()) {
            return DriftOutcome.leftAlone(body, "no body");
        }
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set(ROOT, document);
        List<String> done = new ArrayList<>(mutations.size());
        for (int i = 0; i < mutations.size(); i++) {
            done.add(apply(i, holder));
        }
        try {
            return new DriftOutcome(MAPPER.writeValueAsBytes(holder.get(ROOT)), done, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written back", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // Applies the i-th mutation; returns its journal entry: word, path, nodes changed, seeded choice.
    private String apply(int i, ObjectNode holder) {
        DriftMutation m = mutations.get(i);
        List<Location> at = select(holder, m.path());
        int changed = 0;
        String detail = "";
        if (m instanceof DriftMutation.AddField) {
            String name = addedNames.get(i);
            JsonNode value = addedValues.get(i);
            for (Location l : at) {
                if (l.node() instanceof ObjectNode object) {
                    object.set(name, value.deepCopy());
                    changed++;
                }
            }
            detail = ", name \"" + name + "\" = " + value;
        } else if (m instanceof DriftMutation.RemoveField) {
            // Array elements go last first, so the indexes of the others stay right.
            List<Location> ordered = new ArrayList<>(at);
            ordered.sort(Comparator.comparingInt(Location::index).reversed());
            for (Location l : ordered) {
                if (l.parent() instanceof ObjectNode object) {
                    object.remove(l.member());
                } else {
                    ((ArrayNode) l.parent()).remove(l.index());
                }
                changed++;
            }
        } else if (m instanceof DriftMutation.NullField) {
            for (Location l : at) {
                if (!l.node().isNull()) {
                    l.replace(NullNode.getInstance());
                    changed++;
                }
            }
        } else if (m instanceof DriftMutation.RenameField rename) {
            for (Location l : at) {
                if (l.parent() instanceof ObjectNode object && !l.member().equals(rename.to())) {
                    rename(object, l.member(), rename.to());
                    changed++;
                }
            }
            detail = ", to \"" + rename.to() + "\"";
        } else if (m instanceof DriftMutation.RetypeField retype) {
            for (Location l : at) {
                JsonNode after = Retype.of(l.node(), retype.to());
                if (!after.equals(l.node())) {
                    l.replace(after);
                    changed++;
                }
            }
            detail = retype.to() == null ? "" : ", to " + retype.to().word();
        } else if (m instanceof DriftMutation.UnknownEnum unknown) {
            String shown = null;
            for (Location l : at) {
                String value = unknown.value() != null ? unknown.value() : choices.enumValue(i, l.node().asText());
                shown = value;
                l.replace(JsonNodeFactory.instance.textNode(value));
                changed++;
            }
            detail = shown == null ? "" : ", value \"" + shown + "\"";
        } else if (m instanceof DriftMutation.Reorder) {
            for (Location l : at) {
                if (l.node() instanceof ObjectNode object && object.size() > 1) {
                    reorder(i, object);
                    changed++;
                }
            }
        }
        return m.word() + " " + m.path() + ": " + changed + " changed" + detail;
    }

    private void reorder(int index, ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        List<String> shuffled = new ArrayList<>(names);
        SplittableRandom r = choices.forReorder(index, names.hashCode());
        for (int k = shuffled.size() - 1; k > 0; k--) {
            int j = r.nextInt(k + 1);
            String t = shuffled.get(k);
            shuffled.set(k, shuffled.get(j));
            shuffled.set(j, t);
        }
        if (shuffled.equals(names)) {
            // A shuffle may give the same order back; a reorder must change it.
            shuffled.add(shuffled.remove(0));
        }
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (String name : shuffled) {
            members.put(name, object.get(name));
        }
        object.removeAll();
        object.setAll(members);
    }

    private static void rename(ObjectNode object, String from, String to) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().equals(to)) {
                continue; // the renamed member takes the place of the old one; a clash loses the other
            }
            members.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue());
        }
        object.removeAll();
        object.setAll(members);
    }

    /** The nodes a path selects, each with its parent and its place there. */
    static List<Location> select(ObjectNode holder, JsonPath path) {
        List<Location> current = List.of(new Location(holder, ROOT, -1, holder.get(ROOT)));
        for (JsonPath.Segment segment : path.segments()) {
            List<Location> next = new ArrayList<>();
            for (Location l : current) {
                JsonNode node = l.node();
                if (segment instanceof JsonPath.Member member) {
                    if (node instanceof ObjectNode && node.has(member.name())) {
                        next.add(new Location(node, member.name(), -1, node.get(member.name())));
                    }
                } else if (segment instanceof JsonPath.Element element) {
                    if (node instanceof ArrayNode && element.index() < node.size()) {
                        next.add(new Location(node, null, element.index(), node.get(element.index())));
                    }
                } else if (node instanceof ArrayNode) {
                    for (int k = 0; k < node.size(); k++) {
                        next.add(new Location(node, null, k, node.get(k)));
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** A selected node: its parent (an object, with {@code member}, or an array, with {@code index}). */
    record Location(JsonNode parent, String member, int index, JsonNode node) {
        void replace(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(member, value); // keeps the member's place
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    /** The value conversions of {@code retype-field}. */
    static final class Retype {
        private Retype() {
        }

        static JsonNode of(JsonNode value, DriftMutation.RetypeTo to) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (to == null) {
                // The usual drift of each type: ids and amounts become strings, a string becomes a
                // number when it spells one (else a list of it), a list its first element, an object its text.
                if (value.isNumber() || value.isBoolean()) {
                    return f.textNode(value.asText());
                }
                if (value.isTextual()) {
                    JsonNode number = number(value.asText());
                    return number != null ? number : f.arrayNode().add(value);
                }
                if (value.isArray()) {
                    return value.isEmpty() ? NullNode.getInstance() : value.get(0);
                }
                if (value.isObject()) {
                    return f.textNode(value.toString());
                }
                return f.textNode("");
            }
            switch (to) {
                case STRING:
                    if (value.isTextual()) {
                        return value;
                    }
                    return f.textNode(value.isContainerNode() ? value.toString() : value.isNull() ? "" : value.asText());
                case NUMBER:
                    if (value.isNumber()) {
                        return value;
                    }
                    if (value.isTextual()) {
                        JsonNode number = number(value.asText());
                        return number != null ? number : f.numberNode(0);
                    }
                    if (value.isBoolean()) {
                        return f.numberNode(value.asBoolean() ? 1 : 0);
                    }
                    return f.numberNode(value.isContainerNode() ? value.size() : 0);
                case LIST:
                    return value.isArray() ? value : f.arrayNode().add(value);
                default: // SCALAR
                    if (value.isArray()) {
                        return value.isEmpty() ? NullNode.getInstance() : value.get(0);
                    }
                    return value.isObject() ? f.textNode(value.toString()) : value;
            }
        }

        private static JsonNode number(String text) {
            try {
                BigDecimal d = new BigDecimal(text.trim());
                if (d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                    return JsonNodeFactory.instance.numberNode(d.longValueExact());
                }
                return JsonNodeFactory.instance.numberNode(d);
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
    }
}
