package dev.faultline.upstream;

import dev.faultline.upstream.internal.RuleSet;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fake upstreams of a run, started together with the same options and closed together.
 * Threadsafe.
 */
public final class FakeUpstreams implements AutoCloseable {
    /** The first (or only) instance of each upstream. */
    private final Map<String, FakeUpstream> byName;
    /** Every instance of each upstream, in instance order. */
    private final Map<String, List<FakeUpstream>> pools;

    private FakeUpstreams(Map<String, List<FakeUpstream>> pools) {
        this.pools = Collections.unmodifiableMap(pools);
        Map<String, FakeUpstream> first = new LinkedHashMap<>();
        pools.forEach((name, instances) -> first.put(name, instances.get(0)));
        this.byName = Collections.unmodifiableMap(first);
    }

    /**
     * Starts one upstream per spec, in order. If one fails to start, those already started are
     * closed before the failure is thrown.
     *
     * @throws IllegalArgumentException if two specs share a name
     * @throws IOException              if an upstream cannot bind its port
     */
    public static FakeUpstreams start(List<UpstreamSpec> specs, UpstreamOptions options) throws IOException {
        Objects.requireNonNull(specs, "specs");
        Objects.requireNonNull(options, "options");
        Map<String, List<FakeUpstream>> started = new LinkedHashMap<>();
        List<FakeUpstream> all = new ArrayList<>();
        try {
            for (UpstreamSpec spec : specs) {
                if (started.containsKey(spec.name())) {
                    throw new IllegalArgumentException("two upstreams are named " + spec.name());
                }
                List<FakeUpstream> instances = new ArrayList<>(spec.instances());
                for (int instance = 0; instance < spec.instances(); instance++) {
                    FakeUpstream upstream = FakeUpstream.start(spec, instance, options);
                    all.add(upstream);
                    instances.add(upstream);
                }
                started.put(spec.name(), List.copyOf(instances));
            }
        } catch (IOException | RuntimeException e) {
            RuntimeException closing = closeAll(all);
            if (closing != null) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new FakeUpstreams(started);
    }

    /**
     * The upstream with this name.
     *
     * @throws IllegalArgumentException if there is none, naming the ones there are
     */
    public FakeUpstream get(String name) {
        FakeUpstream upstream = byName.get(name);
        if (upstream == null) {
            throw new IllegalArgumentException("no upstream named " + name + "; the upstreams are " + names());
        }
        return upstream;
    }

    /**
     * Every instance of the upstream with this name, in instance order (one for a single upstream).
     *
     * @throws IllegalArgumentException if there is none, naming the ones there are
     */
    public List<FakeUpstream> instances(String name) {
        get(name);
        return pools.get(name);
    }

    /** The upstreams' names, in start order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** The upstreams (the first instance of each pool), in start order. */
    public Collection<FakeUpstream> all() {
        return byName.values();
    }

    /** Every instance of every upstream, in start order. */
    public List<FakeUpstream> allInstances() {
        List<FakeUpstream> every = new ArrayList<>();
        pools.values().forEach(every::addAll);
        return every;
    }

    /**
     * Enters a phase on every upstream: each gets its rules from the map, or none when it is not
     * named there. Every upstream's rules are compiled before any is installed, so a bad rule leaves
     * all upstreams in the previous phase rather than some in each.
     *
     * @throws IllegalArgumentException      if the map names an upstream that does not exist, or two
     *                                       rules of one upstream share an id
     * @throws IllegalArgumentException      if a {@code down} rule has a match, probability, first or delay
     */
    public void enterPhase(String phaseName, Map<String, List<FaultRule>> rulesByUpstream) {
        Objects.requireNonNull(phaseName, "phaseName");
        Objects.requireNonNull(rulesByUpstream, "rulesByUpstream");
        Set<String> unknown = new TreeSet<>(rulesByUpstream.keySet());
        unknown.removeAll(byName.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("phase " + phaseName + " has faults for " + unknown
                    + " but the upstreams are " + names());
        }
        Map<FakeUpstream, RuleSet> compiled = new LinkedHashMap<>();
        for (FakeUpstream upstream : allInstances()) {
            List<FaultRule> rules = new ArrayList<>();
            for (FaultRule rule : rulesByUpstream.getOrDefault(upstream.name(), List.of())) {
                if (rule.appliesTo(upstream.instance())) {
                    rules.add(rule);
                }
            }
            compiled.put(upstream, upstream.compilePhase(phaseName, rules));
        }
        compiled.forEach(FakeUpstream::install);
    }

    /**
     * Closes every upstream, going on past one that fails to close; the first failure is then
     * thrown with the others suppressed.
     */
    @Override
    public void close() {
        RuntimeException failure = closeAll(allInstances());
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes each in turn; returns the first failure with the later ones suppressed, or null. */
    static RuntimeException closeAll(Collection<? extends AutoCloseable> closeables) {
        RuntimeException first = null;
        for (AutoCloseable closeable : List.copyOf(closeables)) {
            try {
                closeable.close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException runtime
                        ? runtime : new IllegalStateException("closing " + closeable + " failed: " + e.getMessage(), e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        return first;
    }
}
