package dev.faultline.scenario.parse;

import dev.faultline.scenario.Expectations;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.ProbesSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.SourceLocation;
import dev.faultline.scenario.TargetSpec.PortPolicy;

import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Binds the top level of a scenario, in the order the parts depend on each other: upstreams (their
 * names), target (its port, url and replicas), load, probes, phases, then the checks under
 * {@code expect} that refer to all of them.
 */
final class ScenarioBinder {
    static final int DEFAULT_JOURNAL_MAX_EVENTS = 1_000_000;
    static final long DEFAULT_JOURNAL_MAX_BYTES = 256L << 20;
    static final String EXPECTED_SCENARIO = "a scenario: a mapping with name, phases, ...";

    private static final String[] KEYS = {"name", "description", "seed", "journal", "upstreams", "target", "load",
        "probes", "phases", "expect", "$schema"};

    private final BindContext context;

    ScenarioBinder(BindContext context) {
        this.context = context;
    }

    /**
     * The scenario at {@code root}; empty when the file has errors (already reported).
     *
     * @param file the scenario file, absolute and normalized
     */
    Optional<Scenario> bind(Node root, Path file) {
        if (!(root instanceof Node.Mapping)) {
            context.problems().add(root.location(), KeyPath.ROOT,
                    Messages.expected("a scenario (a mapping with name, phases, ...)", root));
            return Optional.empty();
        }
        Fields f = Fields.open(root, KeyPath.ROOT, context.values(), KEYS).orElseThrow();
        Optional<String> name = f.required("name", "the scenario's name, such as name: checkout survives an outage")
                .flatMap(n -> context.values().nonBlank(n, f.at("name"), "the scenario's name"));
        String description = f.string("description").orElse("");
        f.string("$schema"); // for editors (JSON files cannot carry a yaml-language-server comment); only checked to be text
        Optional<Long> seed = f.has("seed")
                ? boxed(f.integer("seed", Range.anyLong(), "an integer"))
                : Optional.empty();
        Optional<Fields> journal = f.get("journal").flatMap(n -> context.open(n, f.at("journal"), "max-events", "max-bytes"));
        int journalCap = journal.flatMap(this::journalCap).orElse(DEFAULT_JOURNAL_MAX_EVENTS);
        long journalMaxBytes = journal.map(j -> j.integer("max-bytes", Range.atLeast(1), "a number of bytes"))
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).orElse(DEFAULT_JOURNAL_MAX_BYTES);

        UpstreamsBinder.Bound upstreams = f.get("upstreams").map(n -> new UpstreamsBinder(context).bind(n, f.at("upstreams")))
                .orElse(UpstreamsBinder.Bound.NONE);
        TargetBinder.Bound target = f.get("target").map(n -> new TargetBinder(context, upstreams.names(),
                upstreams.specs().values().stream().anyMatch(spec -> spec.tls().isPresent()))
                .bind(n, f.at("target"))).orElse(TargetBinder.Bound.NONE);
        checkUpstreamPorts(upstreams, target);
        f.get("target").ifPresent(n -> checkTargetPort(n, upstreams, target));
        Optional<LoadSpec> load = f.get("load").flatMap(n -> {
            context.use("load", f, "load");
            needsTargetUrl(f, "load", "to send requests to", target);
            return new LoadBinder(context).bind(n, f.at("load"));
        });
        Optional<ProbesSpec> probes = f.get("probes").flatMap(n -> {
            context.use("probes", f, "probes");
            needsTargetUrl(f, "probes", "to poll", target);
            return new ProbesBinder(context).bind(n, f.at("probes"));
        });
        Optional<Node> phasesNode = f.required("phases", "a list of phases, each with name and duration");
        PhasesBinder.Bound phases = phasesNode.map(n -> new PhasesBinder(context, upstreams, target).bind(n, f.at("phases")))
                .orElse(PhasesBinder.Bound.NONE);
        ScenarioFacts facts = facts(f, upstreams, target, phases);
        Expectations expect = f.get("expect").map(n -> new ExpectBinder(context, facts).bind(n, f.at("expect")))
                .orElse(Expectations.NONE);

        if (!context.problems().isEmpty() || name.isEmpty() || phases.phases().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Scenario(file, name.get(), description, seed, upstreams.specs(), target.spec(), load,
                probes, phases.phases(), expect, journalCap, journalMaxBytes, context.featuresInFileOrder()));
    }

    private Optional<Integer> journalCap(Fields f) {
        OptionalLong maxEvents = f.integer("max-events", Range.intAtLeast(1), "a number of events");
        return maxEvents.isPresent() ? Optional.of((int) maxEvents.getAsLong()) : Optional.empty();
    }

    // An upstream can tell replicas apart only by the port a request arrives on, so each needs its own.
    private void checkUpstreamPorts(UpstreamsBinder.Bound upstreams, TargetBinder.Bound target) {
        if (target.replicas() <= 1) {
            return;
        }
        for (UpstreamsBinder.FixedPort fixed : upstreams.fixedPorts()) {
            context.problems().add(fixed.location(), fixed.path(),
                    "a fixed port cannot serve " + target.replicas() + " target replicas (each replica gets its own port"
                            + " on every upstream; remove port, or set it to 0)");
        }
    }

    // The target listens on its fixed port (started by the harness or already running), so no upstream can.
    private void checkTargetPort(Node targetNode, UpstreamsBinder.Bound upstreams, TargetBinder.Bound target) {
        if (target.spec().isEmpty() || !(target.spec().get().port() instanceof PortPolicy.Fixed fixed)
                || !(targetNode instanceof Node.Mapping mapping)) {
            return;
        }
        SourceLocation at = mapping.entries().stream().filter(e -> e.key().equals("port")).findFirst()
                .map(Node.Entry::keyLocation).orElse(mapping.location());
        upstreams.fixedPorts().stream().filter(upstream -> upstream.covers(fixed.port())).forEach(upstream ->
                context.problems().add(upstream.location(), upstream.path(), "port " + fixed.port() + " is already the"
                        + " target's port (at " + at.line() + ":" + at.column() + "; give the upstream another port, or 0"
                        + " for a free one)"));
    }

    private void needsTargetUrl(Fields f, String key, String what, TargetBinder.Bound target) {
        if (!target.url()) {
            f.problemAt(key, "needs target.url " + what + " (add a target with url)");
        }
    }

    // Declared counts even when the declaration has errors of its own, so they are not reported twice.
    private static ScenarioFacts facts(Fields f, UpstreamsBinder.Bound upstreams, TargetBinder.Bound target,
                                       PhasesBinder.Bound phases) {
        Optional<Node> probes = f.get("probes");
        boolean readiness = has(probes, "readiness");
        boolean liveness = has(probes, "liveness");
        return new ScenarioFacts(upstreams.names(), List.copyOf(phases.names()), phases.rateLimitedUpstreams(),
                target.run(), f.has("load"), has(f.get("load"), "tenants"), readiness, liveness,
                readiness || liveness || has(probes, "startup"), instanceCounts(upstreams));
    }

    private static Map<String, Integer> instanceCounts(UpstreamsBinder.Bound upstreams) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        upstreams.specs().forEach((name, spec) -> counts.put(name, spec.instances()));
        return counts;
    }

    private static boolean has(Optional<Node> node, String key) {
        return node.filter(n -> n instanceof Node.Mapping).map(n -> ((Node.Mapping) n).entries().stream()
                .anyMatch(e -> e.key().equals(key))).orElse(false);
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }
}
