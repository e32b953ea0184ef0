package dev.faultline.scenario.parse;

import dev.faultline.scenario.Scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The outcome of loading one scenario file: the scenario, or every error found in it. */
public sealed interface LoadOutcome {

    /**
     * The file was valid.
     *
     * @param notes what the author should still change, such as an old spelling of a key, as
     *              {@code FILE:LINE:COL: key.path: ...} lines; they do not make the file invalid
     */
    record Loaded(Scenario scenario, List<ScenarioError> notes) implements LoadOutcome {
        public Loaded {
            Objects.requireNonNull(scenario, "scenario");
            notes = List.copyOf(notes);
        }

        public Loaded(Scenario scenario) {
            this(scenario, List.of());
        }
    }

    /**
     * The file was not valid.
     *
     * @param file   the file as the caller named it
     * @param errors every error, sorted by line and column; never empty
     */
    record Invalid(Path file, List<ScenarioError> errors) implements LoadOutcome {
        public Invalid {
            Objects.requireNonNull(file, "file");
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one error");
            }
        }
    }
}
