package dev.faultline.scenario.load;

import dev.faultline.scenario.SourceLocation;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
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

    /**
     * The bound upstreams.
     *
     * @param specs      the valid upstreams by name, in file order
     * @param names      every declared name, valid body or not (so references to it are not also reported)
     * @param fixedPorts where each upstream with a non-zero port wrote it
     */
    record Bound(Map<String, UpstreamSpec> specs, Set<String> names, Map<String, SourceLocation> fixedPorts) {
        static final Bound NONE = new Bound(Map.of(), Set.of(), Map.of());
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
        Map<String, SourceLocation> fixedPorts = new LinkedHashMap<>();
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

    private Optional<UpstreamSpec> bindOne(String name, Node node, KeyPath path, Map<String, SourceLocation> fixedPorts) {
        // "payments:" with nothing after it declares an upstream with no routes: every request gets 404.
        Optional<Fields> opened = Fields.openOrEmpty(node, path, context.values(), "port", "routes");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        int port = (int) f.integer("port", Range.between(0, 65535), "a port number").orElse(0);
        if (port != 0) {
            fixedPorts.put(name, f.keyLocation("port"));
        }
        List<Route> routes = new ArrayList<>();
        List<Node> items = f.list("routes", "a list of routes ({match, respond})").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            route(items.get(i), f.at("routes").index(i)).ifPresent(routes::add);
        }
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new UpstreamSpec(name, port, routes));
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
