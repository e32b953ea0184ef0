package dev.faultline.scenario.parse;

import dev.faultline.scenario.SourceLocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** Collects the errors of one file so that all of them are reported at once. */
final class Problems {
    private final LinkedHashSet<ScenarioError> errors = new LinkedHashSet<>();
    private final List<ScenarioError> notes = new ArrayList<>();

    void add(SourceLocation location, KeyPath path, String message) {
        errors.add(new ScenarioError(location, path.text(), message));
    }

    /** Records something the author should change that does not make the file invalid (an old spelling). */
    void note(SourceLocation location, KeyPath path, String message) {
        notes.add(new ScenarioError(location, path.text(), message));
    }

    /** The notes by line, then column. */
    List<ScenarioError> notes() {
        List<ScenarioError> list = new ArrayList<>(notes);
        list.sort(Comparator.comparingInt((ScenarioError e) -> e.location().line())
                .thenComparingInt(e -> e.location().column()));
        return List.copyOf(list);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    /**
     * The errors by line, then column; errors at one place keep the order they were found in. After
     * {@link Limits#MAX_ERRORS} of them, one more says how many were left out: a file that repeats one
     * mistake a hundred thousand times needs the first ones fixed, not a hundred thousand lines.
     */
    List<ScenarioError> sorted() {
        List<ScenarioError> list = new ArrayList<>(errors);
        list.sort(Comparator.comparingInt((ScenarioError e) -> e.location().line())
                .thenComparingInt(e -> e.location().column()));
        if (list.size() <= Limits.MAX_ERRORS) {
            return list;
        }
        int left = list.size() - Limits.MAX_ERRORS;
        List<ScenarioError> shown = new ArrayList<>(list.subList(0, Limits.MAX_ERRORS));
        shown.add(new ScenarioError(shown.get(shown.size() - 1).location(), "", "and " + left + " more errors after"
                + " this one (fix these first)"));
        return shown;
    }
}
