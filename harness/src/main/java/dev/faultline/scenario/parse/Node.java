package dev.faultline.scenario.parse;

import dev.faultline.scenario.SourceLocation;

import java.math.BigDecimal;
import java.util.List;

/**
 * A parsed YAML or JSON value together with where it was written. Jackson's {@code JsonNode} drops
 * locations, and every error message needs them.
 */
sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar {

    /** Where the value starts. */
    SourceLocation location();

    /** How the value reads in "found ..." messages. */
    String describe();

    /** A mapping, keys in file order (a duplicate key is reported and dropped while reading). */
    record Mapping(SourceLocation location, List<Entry> entries) implements Node {
        public Mapping {
            entries = List.copyOf(entries);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the key's own location. */
    record Entry(String key, SourceLocation keyLocation, Node value) {
    }

    /** A list. */
    record Sequence(SourceLocation location, List<Node> items) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar.
     *
     * @param text  the text as written (without quotes)
     * @param value a {@link BigDecimal} for a usable number, an {@link UnusableNumber} for any other number, a
     *              {@link Boolean} for a boolean, else {@code null}
     */
    record Scalar(SourceLocation location, ScalarKind kind, String text, Object value) implements Node {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing";
                case STRING -> Messages.quote(text);
                case INTEGER, DECIMAL, BOOLEAN -> text;
            };
        }

        boolean isNull() {
            return kind == ScalarKind.NULL;
        }

        /** The number's value, or {@code null} when this is not a usable number. */
        BigDecimal number() {
            return value instanceof BigDecimal number ? number : null;
        }

        /** Why this number cannot be used; {@link UnusableNumber#NOT_FINITE} for what is not a number at all. */
        UnusableNumber unusable() {
            return value instanceof UnusableNumber unusable ? unusable : UnusableNumber.NOT_FINITE;
        }

        /** The boolean's value; false for anything that is not a boolean. */
        boolean truth() {
            return Boolean.TRUE.equals(value);
        }
    }

    /** What a scalar is, as the parser read it. */
    enum ScalarKind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }
}
