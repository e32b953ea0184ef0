package dev.faultline.scenario.load;

import dev.faultline.scenario.Scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The outcome of loading one scenario file: the scenario, or every error found in it. */
public sealed interface LoadOutcome {

    /** The file was valid. */
    record Loaded(Scenario scenario) implements LoadOutcome {
        public Loaded {
            Objects.requireNonNull(scenario, "scenario");
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
