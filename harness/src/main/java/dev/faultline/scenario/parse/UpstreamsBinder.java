package dev.faultline.scenario.parse;

import dev.faultline.scenario.SourceLocation;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
import dev.faultline.upstream.spec.UpstreamProxy;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds the top-level {@code upstreams} mapping. */
final class UpstreamsBinder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** Each instance is a Jetty server with its own threads: a pool beyond this is a typo, not a test. */
    static final int MAX_INSTANCES = 64;

    /**
     * The bound upstreams.
     *
     * @param specs      the valid upstreams by name, in file order
     * @param names      every declared name, valid body or not (so references to it are not also reported)
     * @param fixedPorts each non-zero port, in file order
     */
    record Bound(Map<String, UpstreamSpec> specs, Set<String> names, List<FixedPort> fixedPorts) {
        static final Bound NONE = new Bound(Map.of(), Set.of(), List.of());
    }

    /**
     * A non-zero {@code port} of an upstream, and where its key was written; a pool of {@code instances}
     * holds the consecutive ports from it.
     */
    record FixedPort(String upstream, int port, SourceLocation location, int instances) {
        KeyPath path() {
            return KeyPath.ROOT.child("upstreams").child(upstream).child("port");
        }

        /** True when one of its instances listens on this port. */
        boolean covers(int other) {
            return other >= port && other < port + instances;
        }

        boolean overlaps(FixedPort other) {
            return covers(other.port) || other.covers(port);
        }
    }

    private final BindContext context;

    UpstreamsBinder(BindContext context) {
        this.context = context;
    }

    Bound bind(Node node, KeyPath path) {
        if (!(node instanceof Node.Mapping mapping)) {
            context.problems().add(node.location(), path,
                    Messages.expected("a mapping of upstream names to upstreams", node));
            return Bound.NONE;
        }
        Map<String, UpstreamSpec> specs = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        List<FixedPort> fixedPorts = new ArrayList<>();
        for (Node.Entry entry : mapping.entries()) {
            String name = entry.key();
            KeyPath at = path.child(name);
            if (!NAME.matcher(name).matches()) {
                context.problems().add(entry.keyLocation(), at, "upstream name " + Messages.quote(name)
                        + " may hold only letters, digits, \"-\" and \"_\" (it is used in ${upstreams.NAME.url})");
                continue;
            }
            names.add(name);
            bindOne(name, entry.value(), at, fixedPorts).ifPresent(spec -> specs.put(name, spec));
        }
        return new Bound(specs, names, fixedPorts);
    }

    private Optional<UpstreamSpec> bindOne(String name, Node node, KeyPath path, List<FixedPort> fixedPorts) {
        // "payments:" with nothing after it declares an upstream with no routes: every request gets 404.
        Optional<Fields> opened = Fields.openOrEmpty(node, path, context.values(), "port", "routes", "instances", "tls", "http2",
                "proxy", "preserve-host");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        int port = (int) f.integer("port", Range.between(0, 65535), "a port number").orElse(0);
        int instances = (int) f.integer("instances", Range.between(1, MAX_INSTANCES),
                "a number of instances (1.." + MAX_INSTANCES + ")").orElse(1);
        if (port != 0 && port + instances - 1 > 65535) {
            f.problemAt("instances", instances + " instances from port " + port + " would need ports past 65535"
                    + " (the instances take consecutive ports from port; lower port, or set it to 0 for free ports)");
        } else if (port != 0) {
            FixedPort fixed = new FixedPort(name, port, f.keyLocation("port"), instances);
            // Two servers cannot listen on one port; the second would fail only when the run starts.
            fixedPorts.stream().filter(other -> other.overlaps(fixed)).findFirst().ifPresent(first ->
                    context.problems().add(fixed.location(), fixed.path(), "port " + port + " is already the port of"
                            + " upstream " + first.upstream() + " (at " + first.location().line() + ":"
                            + first.location().column() + "; give each upstream its own port, or 0 for a free one)"));
            fixedPorts.add(fixed);
        }
        List<Route> routes = new ArrayList<>();
        List<Node> items = f.list("routes", "a list of routes ({match, respond})").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            route(items.get(i), f.at("routes").index(i)).ifPresent(routes::add);
        }
        TlsBinder.Bound tls = f.get("tls").map(n -> TlsBinder.bind(n, f.at("tls"), context))
                .orElse(new TlsBinder.Bound(Optional.empty(), true));
        boolean http2 = f.bool("http2").orElse(false);
        Optional<UpstreamProxy> proxy = ProxyBinder.bind(name, f, context);
        if (context.problems().count() > errors || !tls.ok()) {
            return Optional.empty();
        }
        UpstreamSpec spec = new UpstreamSpec(name, port, routes, instances, tls.tls(), http2);
        return Optional.of(proxy.map(spec::withProxy).orElse(spec));
    }

    private Optional<Route> route(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "match", "respond");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        Optional<RequestMatch> match = f.get("match").isPresent()
                ? MatchBinder.bind(f.get("match").get(), f.at("match"), context)
                : Optional.of(RequestMatch.ANY);
        Optional<Respond> respond = f.required("respond", "the response to send, such as respond: {status: 200}")
                .flatMap(n -> RespondBinder.bind(n, f.at("respond"), context));
        if (match.isEmpty() || respond.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Route(match.get(), respond.get()));
    }
}
