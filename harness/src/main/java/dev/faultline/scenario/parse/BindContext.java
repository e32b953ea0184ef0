package dev.faultline.scenario.parse;

import dev.faultline.scenario.FeatureUse;
import dev.faultline.scenario.SourceLocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every binder of one file shares: where the file is, the error collector, and the record of
 * features the scenario uses.
 *
 * @param locations   makes locations in the file as the caller named it
 * @param scenarioDir the file's folder, absolute with symlinks resolved (paths must stay inside it)
 * @param values      typed value reading, reporting into the file's problems
 */
record BindContext(SourceLocationFactory locations, Path scenarioDir, Values values, List<FeatureUse> features) {

    static BindContext of(SourceLocationFactory locations, Path scenarioDir, Problems problems) {
        return new BindContext(locations, scenarioDir, new Values(problems), new ArrayList<>());
    }

    Problems problems() {
        return values.problems();
    }

    /** Records a use of a feature whose runtime the run checks for. */
    void use(String feature, KeyPath path, SourceLocation location) {
        features.add(new FeatureUse(feature, path.text(), location));
    }

    /** Records a use of a feature at a key of {@code fields}. */
    void use(String feature, Fields fields, String key) {
        use(feature, fields.at(key), fields.keyLocation(key));
    }

    /** The recorded features, in file order. */
    List<FeatureUse> featuresInFileOrder() {
        List<FeatureUse> sorted = new ArrayList<>(features);
        sorted.sort(Comparator.comparingInt((FeatureUse f) -> f.location().line())
                .thenComparingInt(f -> f.location().column()));
        return sorted;
    }

    Optional<Fields> open(Node node, KeyPath path, String... known) {
        return Fields.open(node, path, values, known);
    }

    /** Opens a mapping that also accepts the old spellings of some of its keys ({@link OldSpellings}). */
    Optional<Fields> open(Node node, KeyPath path, Map<String, String> oldSpellings, String... known) {
        return Fields.open(node, path, values, oldSpellings, known);
    }
}
