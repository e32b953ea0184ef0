package dev.faultline.upstream.spec;

import java.util.Objects;

/**
 * One change a {@code drift} rule makes to a JSON response body, the kind of change an API makes
 * under its clients (expand and contract): fields appear, disappear, go null, are renamed or retyped,
 * enums grow values, members come in another order. Each applies to every node its path selects.
 */
public sealed interface DriftMutation {

    /** The key it is written with ({@code add-field}, ...), used in the journal and explanations. */
    String word();

    /** Which nodes it changes. */
    JsonPath path();

    /**
     * {@code add-field}: add a member to every object at {@code path}.
     *
     * @param name      the member's name, or {@code null} for a seeded one
     * @param valueJson the member's value as JSON text, or {@code null} for a seeded one
     */
    record AddField(JsonPath path, String name, String valueJson) implements DriftMutation {
        public AddField {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String word() {
            return "add-field";
        }
    }

    /** {@code remove-field}: remove the members (or array elements) at {@code path}. */
    record RemoveField(JsonPath path) implements DriftMutation {
        public RemoveField {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String word() {
            return "remove-field";
        }
    }

    /** {@code null-field}: set the members (or array elements) at {@code path} to {@code null}. */
    record NullField(JsonPath path) implements DriftMutation {
        public NullField {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String word() {
            return "null-field";
        }
    }

    /** {@code rename-field}: rename the members at {@code path} to {@code to}, in place. */
    record RenameField(JsonPath path, String to) implements DriftMutation {
        public RenameField {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String word() {
            return "rename-field";
        }
    }

    /**
     * {@code retype-field}: give the values at {@code path} another JSON type.
     *
     * @param to the new type, or {@code null} for the default change of each value's own type
     */
    record RetypeField(JsonPath path, RetypeTo to) implements DriftMutation {
        public RetypeField {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String word() {
            return "retype-field";
        }
    }

    /**
     * {@code unknown-enum}: replace the values at {@code path} by a string the client has never seen.
     *
     * @param value the value, or {@code null} for a seeded one
     */
    record UnknownEnum(JsonPath path, String value) implements DriftMutation {
        public UnknownEnum {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String word() {
            return "unknown-enum";
        }
    }

    /** {@code reorder}: put the members of every object at {@code path} in another (seeded) order. */
    record Reorder(JsonPath path) implements DriftMutation {
        public Reorder {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String word() {
            return "reorder";
        }
    }

    /** The types {@code retype-field} can give a value. */
    enum RetypeTo {
        STRING("string"), NUMBER("number"), LIST("list"), SCALAR("scalar");

        private final String word;

        RetypeTo(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
