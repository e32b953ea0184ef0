package dev.faultline.scenario.load;

import dev.faultline.scenario.SourceLocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** Collects the errors of one file so that all of them are reported at once. */
final class Problems {
    private final LinkedHashSet<ScenarioError> errors = new LinkedHashSet<>();

    void add(SourceLocation location, KeyPath path, String message) {
        errors.add(new ScenarioError(location, path.text(), message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    /** The errors by line, then column; errors at one place keep the order they were found in. */
    List<ScenarioError> sorted() {
        List<ScenarioError> list = new ArrayList<>(errors);
        list.sort(Comparator.comparingInt((ScenarioError e) -> e.location().line())
                .thenComparingInt(e -> e.location().column()));
        return list;
    }
}
