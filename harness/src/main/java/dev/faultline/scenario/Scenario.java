package dev.faultline.scenario;

import dev.faultline.upstream.spec.UpstreamSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated scenario file: everything a run needs, as immutable values.
 *
 * @param file        the file it was read from (absolute, normalized)
 * @param name        its {@code name}
 * @param description its {@code description}, or empty
 * @param seed        its {@code seed}, if set (else the run picks one and reports it)
 * @param upstreams   fake upstreams by name, in file order
 * @param target      the system under test, if any
 * @param load        the load the harness sends, if any
 * @param probes      health probes, if any
 * @param phases      the timeline, at least one phase
 * @param expect      the checks to judge
 * @param journalCap  most journal events kept
 * @param journalMaxBytes most estimated bytes the journal keeps
 * @param features    every key that needs runtime support, with where it was written; the run
 *                    refuses keys its runtime does not support yet instead of ignoring them
 */
public record Scenario(
        Path file,
        String name,
        String description,
        Optional<Long> seed,
        Map<String, UpstreamSpec> upstreams,
        Optional<TargetSpec> target,
        Optional<LoadSpec> load,
        Optional<ProbesSpec> probes,
        List<PhaseSpec> phases,
        Expectations expect,
        int journalCap,
        long journalMaxBytes,
        List<FeatureUse> features) {

    public Scenario {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        upstreams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(upstreams));
        phases = List.copyOf(phases);
        features = List.copyOf(features);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one phase");
        }
    }

    /** The folder the file is in; relative paths in the scenario are resolved against it. */
    public Path dir() {
        return file.getParent();
    }

    /** The phase with this name, if any. */
    public Optional<PhaseSpec> phase(String phaseName) {
        return phases.stream().filter(p -> p.name().equals(phaseName)).findFirst();
    }
}
