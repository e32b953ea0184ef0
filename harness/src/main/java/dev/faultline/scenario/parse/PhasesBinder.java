package dev.faultline.scenario.parse;

import dev.faultline.scenario.ActionSpec;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Signal;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Binds the top-level {@code phases} list: names, durations, fault rules per upstream, and signal actions. */
final class PhasesBinder {
    private static final String WHAT = "a list of phases, each with name and duration";

    /**
     * The bound timeline.
     *
     * @param phases              the valid phases, in order
     * @param names               every phase name written, valid phase or not (so references to it are
     *                            not also reported)
     * @param rateLimitedUpstreams upstreams that some phase rate-limits
     */
    record Bound(List<PhaseSpec> phases, Set<String> names, Set<String> rateLimitedUpstreams) {
        static final Bound NONE = new Bound(List.of(), Set.of(), Set.of());
    }

    private final BindContext context;
    private final UpstreamsBinder.Bound upstreams;
    private final TargetBinder.Bound target;

    PhasesBinder(BindContext context, UpstreamsBinder.Bound upstreams, TargetBinder.Bound target) {
        this.context = context;
        this.upstreams = upstreams;
        this.target = target;
    }

    Bound bind(Node node, KeyPath path) {
        List<Node> items = context.values().nonEmptyList(node, path, WHAT,
                "at least one phase, such as [{name: steady, duration: 10s}]").orElse(List.of());
        List<PhaseSpec> phases = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, KeyPath> firstUse = new LinkedHashMap<>();
        Set<String> rateLimited = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            phase(items.get(i), path.index(i), i, firstUse).ifPresent(phases::add);
        }
        names.addAll(firstUse.keySet());
        for (PhaseSpec phase : phases) {
            phase.faults().forEach((upstream, rules) -> {
                if (rules.stream().anyMatch(rule -> rule.action() instanceof FaultAction.RateLimit)) {
                    rateLimited.add(upstream);
                }
            });
        }
        return new Bound(phases, names, rateLimited);
    }

    private Optional<PhaseSpec> phase(Node node, KeyPath path, int index, Map<String, KeyPath> firstUse) {
        Optional<Fields> opened = context.open(node, path, "name", "duration", "faults", "actions");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        Optional<String> name = f.required("name", "the phase's name, such as name: outage")
                .flatMap(n -> context.values().nonBlank(n, f.at("name"), "the phase's name, such as outage"));
        name.ifPresent(n -> f.uniqueName("name", n, path, firstUse, "phase"));
        Optional<Duration> duration = f.required("duration", "how long the phase lasts, such as duration: 10s")
                .flatMap(n -> context.values().positiveDuration(n, f.at("duration")));
        String phaseName = name.orElse("phase" + index);
        Map<String, List<FaultRule>> faults = f.get("faults").map(n -> faults(n, f.at("faults"), phaseName))
                .orElse(Map.of());
        List<ActionSpec> actions = f.get("actions").map(n -> actions(f, duration)).orElse(List.of());
        if (context.problems().count() > errors || name.isEmpty() || duration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PhaseSpec(index, name.get(), duration.get(), faults, actions));
    }

    private Map<String, List<FaultRule>> faults(Node node, KeyPath path, String phase) {
        if (!(node instanceof Node.Mapping mapping)) {
            context.problems().add(node.location(), path,
                    Messages.expected("a mapping of upstream names to lists of fault rules", node));
            return Map.of();
        }
        Map<String, List<FaultRule>> faults = new LinkedHashMap<>();
        for (Node.Entry entry : mapping.entries()) {
            String upstream = entry.key();
            KeyPath at = path.child(upstream);
            if (!upstreams.names().contains(upstream)) {
                context.problems().add(entry.keyLocation(), at, Messages.quote(upstream) + " names no upstream (known: "
                        + Messages.known(upstreams.names(), "declare it under upstreams") + ")");
            }
            Optional<List<Node>> items = context.values().list(entry.value(), at, "a list of fault rules");
            faults.put(upstream, rules(items.orElse(List.of()), at, phase, upstream));
        }
        return faults;
    }

    private List<FaultRule> rules(List<Node> items, KeyPath path, String phase, String upstream) {
        FaultRuleBinder binder = new FaultRuleBinder(context);
        // An upstream whose declaration has errors is not in specs: its rules' instances are not checked against it.
        int instances = Optional.ofNullable(upstreams.specs().get(upstream)).map(UpstreamSpec::instances)
                .orElse(UpstreamsBinder.MAX_INSTANCES);
        Map<String, Integer> occurrences = new HashMap<>();
        List<FaultRule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            int occurrence = occurrences.merge(SeedKeys.canonical(item), 1, Integer::sum) - 1;
            String id = phase + "/" + upstream + "[" + i + "]";
            KeyPath at = path.index(i);
            binder.bind(item, at, id, SeedKeys.of(phase, upstream, item, occurrence), instances)
                    .filter(rule -> speaksTlsIfAsked(rule, item, at, upstream))
                    .filter(rule -> speaksHttp2IfAsked(rule, item, at, upstream)).ifPresent(rules::add);
        }
        return rules;
    }

    // A tls fault spoils a TLS handshake; a cleartext upstream has none to spoil.
    private boolean speaksTlsIfAsked(FaultRule rule, Node item, KeyPath path, String upstream) {
        if (!(rule.action() instanceof FaultAction.TlsFault) || !upstreams.specs().containsKey(upstream)
                || upstreams.specs().get(upstream).tls().isPresent()) {
            return true;
        }
        Node.Entry key = ((Node.Mapping) item).entries().stream().filter(e -> e.key().equals("tls")).findFirst().orElseThrow();
        context.problems().add(key.keyLocation(), path.child("tls"), "upstream " + upstream + " speaks cleartext HTTP,"
                + " so it has no TLS handshake to spoil (add tls: true to upstream " + upstream + ")");
        return false;
    }

    // An http2 fault acts on HTTP/2 streams and connections; an upstream that speaks only HTTP/1.1 has none.
    private boolean speaksHttp2IfAsked(FaultRule rule, Node item, KeyPath path, String upstream) {
        if (!(rule.action() instanceof FaultAction.Http2Fault) || !upstreams.specs().containsKey(upstream)
                || upstreams.specs().get(upstream).http2()) {
            return true;
        }
        Node.Entry key = ((Node.Mapping) item).entries().stream().filter(e -> e.key().equals("http2")).findFirst().orElseThrow();
        context.problems().add(key.keyLocation(), path.child("http2"), "upstream " + upstream + " speaks only HTTP/1.1,"
                + " so an http2 fault would never fire (add http2: true to upstream " + upstream + ")");
        return false;
    }

    private List<ActionSpec> actions(Fields phase, Optional<Duration> duration) {
        KeyPath path = phase.at("actions");
        context.use("phases.actions", phase, "actions");
        if (!target.run()) {
            phase.problemAt("actions", "send signals to the target's processes, so they need a target the harness"
                    + " starts (add target.run)");
        }
        List<Node> items = phase.list("actions", "a list of actions ({at, signal, replica})").orElse(List.of());
        List<ActionSpec> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            action(items.get(i), path.index(i), duration).ifPresent(actions::add);
        }
        actions.sort(Comparator.comparing(ActionSpec::at));
        return actions;
    }

    private Optional<ActionSpec> action(Node node, KeyPath path, Optional<Duration> phaseDuration) {
        Optional<Fields> opened = context.open(node, path, "at", "signal", "replica");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        Optional<Duration> at = f.required("at", "when to act, from the start of the phase, such as at: 2s")
                .flatMap(n -> context.values().duration(n, f.at("at")));
        if (at.isPresent() && phaseDuration.isPresent() && at.get().compareTo(phaseDuration.get()) >= 0) {
            f.problemAt("at", Durations.format(at.get()) + " is past the end of the phase (expected less than its"
                    + " duration, " + Durations.format(phaseDuration.get()) + ")");
        }
        Optional<Signal> signal = f.required("signal", "the signal to send, such as signal: TERM")
                .flatMap(n -> Signals.bind(n, f.at("signal"), context));
        OptionalLong replica = f.integer("replica", Range.between(0, target.replicas() - 1L), "a replica index");
        if (context.problems().count() > errors || at.isEmpty() || signal.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ActionSpec(at.get(), signal.get(),
                replica.isPresent() ? OptionalInt.of((int) replica.getAsLong()) : OptionalInt.empty()));
    }
}
