package dev.faultline.scenario.parse;

import dev.faultline.scenario.Rate;
import dev.faultline.scenario.SourceLocation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping of the scenario read strictly against the keys it may hold: unknown keys are reported
 * when it is opened (with the closest known key), and each typed getter reports a bad value at the
 * value's location and returns empty, so one pass finds every error.
 */
final class Fields {
    private final Node.Mapping mapping;
    private final KeyPath path;
    private final Values values;
    private final Set<String> known;
    private final Map<String, Node.Entry> entries = new LinkedHashMap<>();
    private boolean unknownKeys;

    private Fields(Node.Mapping mapping, KeyPath path, Values values, Set<String> known, Map<String, String> oldSpellings) {
        this.mapping = mapping;
        this.path = path;
        this.values = values;
        this.known = known;
        Set<String> written = new HashSet<>();
        mapping.entries().forEach(entry -> written.add(entry.key()));
        for (Node.Entry entry : mapping.entries()) {
            String current = oldSpellings.get(entry.key());
            if (known.contains(entry.key())) {
                entries.put(entry.key(), entry);
            } else if (current != null && written.contains(current)) {
                values.problems().add(entry.keyLocation(), path.child(entry.key()), OldSpellings.both(entry.key(), current));
            } else if (current != null) {
                values.problems().note(entry.keyLocation(), path.child(entry.key()), OldSpellings.note(entry.key(), current));
                entries.put(current, new Node.Entry(current, entry.keyLocation(), entry.value()));
            } else {
                values.problems().add(entry.keyLocation(), path.child(entry.key()), Messages.unknownKey(entry.key(), known));
                unknownKeys = true;
            }
        }
    }

    /** The mapping at {@code node}, or empty after reporting that {@code node} is not a mapping. */
    static Optional<Fields> open(Node node, KeyPath path, Values values, String... known) {
        return open(node, path, values, Map.of(), known);
    }

    /**
     * Like {@link #open}, also taking the mapping's old spellings (old key to current key): an old key
     * reads as the current one with a note, and both written at once is an error.
     */
    static Optional<Fields> open(Node node, KeyPath path, Values values, Map<String, String> oldSpellings, String... known) {
        Set<String> keys = Set.of(known);
        if (node instanceof Node.Mapping mapping) {
            return Optional.of(new Fields(mapping, path, values, keys, oldSpellings));
        }
        values.problems().add(node.location(), path,
                Messages.expected("a mapping (keys: " + String.join(", ", new TreeSet<>(keys)) + ")", node));
        return Optional.empty();
    }

    /** Like {@link #open}, but an empty value ({@code key:} with nothing after it) reads as an empty mapping. */
    static Optional<Fields> openOrEmpty(Node node, KeyPath path, Values values, String... known) {
        if (node instanceof Node.Scalar scalar && scalar.isNull()) {
            return Optional.of(new Fields(new Node.Mapping(node.location(), List.of()), path, values, Set.of(known), Map.of()));
        }
        return open(node, path, values, known);
    }

    SourceLocation location() {
        return mapping.location();
    }

    Problems problems() {
        return values.problems();
    }

    /** The path of one of its keys. */
    KeyPath at(String key) {
        return path.child(requireKnown(key));
    }

    boolean has(String key) {
        return entries.containsKey(requireKnown(key));
    }

    Optional<Node> get(String key) {
        return Optional.ofNullable(entries.get(requireKnown(key))).map(Node.Entry::value);
    }

    /** Where the key was written, or where the mapping starts when it is absent. */
    SourceLocation keyLocation(String key) {
        Node.Entry entry = entries.get(requireKnown(key));
        return entry == null ? mapping.location() : entry.keyLocation();
    }

    /** The value of a key that must be present; reports {@code missing key "KEY" (expected WHAT)} at the mapping. */
    Optional<Node> required(String key, String what) {
        Optional<Node> node = get(key);
        if (node.isEmpty()) {
            problems().add(mapping.location(), path, Messages.missingKey(key, what));
        }
        return node;
    }

    /**
     * True when an unknown key was reported. A "needs one of" check is then left out: the unknown key
     * is most likely the misspelt one, and its message already says so.
     */
    boolean hasUnknownKeys() {
        return unknownKeys;
    }

    /** Which of {@code keys} are present, in the order they were written. */
    List<String> present(String... keys) {
        Set<String> wanted = Set.of(keys);
        List<String> found = new ArrayList<>();
        for (String key : entries.keySet()) {
            if (wanted.contains(key)) {
                found.add(key);
            }
        }
        return found;
    }

    /** Reports {@code message} at a key with the key's path. */
    void problemAt(String key, String message) {
        problems().add(keyLocation(key), at(key), message);
    }

    /**
     * Records {@code name} (the value at {@code key}) as used by this mapping at {@code at}, and reports
     * it at {@code key} when an earlier mapping already used it.
     *
     * @param kind what the names name, for the message ("phase", "tenant")
     */
    void uniqueName(String key, String name, KeyPath at, Map<String, KeyPath> firstUse, String kind) {
        KeyPath first = firstUse.putIfAbsent(name, at);
        if (first != null) {
            problemAt(key, "duplicate " + kind + " name " + Messages.quote(name) + " (first used by " + first
                    + "; names must be unique)");
        }
    }

    /** Reports {@code message} at the mapping itself. */
    void problem(String message) {
        problems().add(mapping.location(), path, message);
    }

    Optional<String> string(String key) {
        return get(key).flatMap(n -> values.string(n, at(key)));
    }

    Optional<String> nonBlank(String key, String what) {
        return get(key).flatMap(n -> values.nonBlank(n, at(key), what));
    }

    OptionalLong integer(String key, Range range, String what) {
        Optional<Node> node = get(key);
        return node.isEmpty() ? OptionalLong.empty() : values.integer(node.get(), at(key), range, what);
    }

    Optional<BigDecimal> number(String key, Range range) {
        return get(key).flatMap(n -> values.number(n, at(key), range));
    }

    Optional<Boolean> bool(String key) {
        return get(key).flatMap(n -> values.bool(n, at(key)));
    }

    Optional<Duration> duration(String key) {
        return get(key).flatMap(n -> values.duration(n, at(key)));
    }

    Optional<Duration> positiveDuration(String key) {
        return get(key).flatMap(n -> values.positiveDuration(n, at(key)));
    }

    Optional<Rate> rate(String key) {
        return get(key).flatMap(n -> values.rate(n, at(key)));
    }

    Optional<Map<String, String>> stringMap(String key, String what) {
        return get(key).flatMap(n -> values.stringMap(n, at(key), what));
    }

    /** A mapping of header names to values, both as HTTP allows them. */
    Optional<Map<String, String>> headers(String key) {
        return get(key).flatMap(n -> values.headers(n, at(key)));
    }

    Optional<List<Node>> list(String key, String what) {
        return get(key).flatMap(n -> values.list(n, at(key), what));
    }

    <T> Optional<T> choice(String key, String what, Map<String, T> options) {
        return get(key).flatMap(n -> values.choice(n, at(key), what, options));
    }

    private String requireKnown(String key) {
        if (!known.contains(key)) {
            throw new IllegalArgumentException("\"" + key + "\" is not among the keys " + known + " of " + path);
        }
        return key;
    }
}
