package dev.faultline.scenario.parse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Derives a fault rule's seed key from what the rule says rather than where it stands, so that adding,
 * removing or reordering other rules does not shift its random stream. Two identical rules in one
 * list are told apart by their occurrence.
 */
final class SeedKeys {
    private static final int HASH_HEX_DIGITS = 16;

    private SeedKeys() {
    }

    /**
     * {@code PHASE/UPSTREAM/HASH#OCCURRENCE}, where HASH is a digest of the rule's canonical form.
     *
     * @param occurrence how many identical rules come before this one in the same list
     */
    static String of(String phase, String upstream, Node rule, int occurrence) {
        return phase + "/" + upstream + "/" + digest(canonical(rule)) + "#" + occurrence;
    }

    /**
     * The rule's content independent of layout: keys sorted, flow or block style and quoting
     * forgotten, numbers by value ({@code 1.0} is {@code 1}).
     */
    static String canonical(Node node) {
        StringBuilder out = new StringBuilder();
        write(inFirstSpelling(node), out);
        return out.toString();
    }

    /*
     * A renamed key of the rule is hashed as it was first spelt ({@link OldSpellings}), so both spellings
     * give one seed key, and a file written before the rename keeps its random stream.
     */
    private static Node inFirstSpelling(Node rule) {
        Node renamed = renamed(rule, OldSpellings.FAULT_RULE);
        if (!(renamed instanceof Node.Mapping mapping)) {
            return renamed;
        }
        return new Node.Mapping(mapping.location(), mapping.entries().stream()
                .map(e -> e.key().equals("rate-limit")
                        ? new Node.Entry(e.key(), e.keyLocation(), renamed(e.value(), OldSpellings.RATE_LIMIT))
                        : e)
                .toList());
    }

    private static Node renamed(Node node, Map<String, String> oldSpellings) {
        if (!(node instanceof Node.Mapping mapping)) {
            return node;
        }
        Map<String, String> first = new HashMap<>();
        oldSpellings.forEach((old, current) -> first.put(current, old));
        return new Node.Mapping(mapping.location(), mapping.entries().stream()
                .map(e -> new Node.Entry(first.getOrDefault(e.key(), e.key()), e.keyLocation(), e.value())).toList());
    }

    private static void write(Node node, StringBuilder out) {
        if (node instanceof Node.Mapping mapping) {
            List<Node.Entry> entries = mapping.entries().stream().sorted(Comparator.comparing(Node.Entry::key)).toList();
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quoted(entries.get(i).key())).append(':');
                write(entries.get(i).value(), out);
            }
            out.append('}');
        } else if (node instanceof Node.Sequence sequence) {
            out.append('[');
            for (int i = 0; i < sequence.items().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(sequence.items().get(i), out);
            }
            out.append(']');
        } else if (node instanceof Node.Scalar scalar) {
            BigDecimal number = scalar.number();
            switch (scalar.kind()) {
                case NULL -> out.append("null");
                case BOOLEAN -> out.append(scalar.truth());
                case INTEGER, DECIMAL -> out.append(number == null ? scalar.text() : Durations.plain(number));
                default -> out.append(quoted(scalar.text()));
            }
        }
    }

    // The full text, not Messages.quote's shortened form: long bodies must still tell rules apart.
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String digest(String canonical) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
