package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RequestMatch;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Binds {@code match: {method, path, headers, query}} of routes and fault rules. */
final class MatchBinder {

    private MatchBinder() {
    }

    /** The match at {@code node}; empty when it has errors (already reported). */
    static Optional<RequestMatch> bind(Node node, KeyPath path, BindContext context) {
        Optional<Fields> opened = context.open(node, path, "method", "path", "headers", "query");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        String method = f.get("method").flatMap(n -> method(n, f.at("method"), context)).orElse(null);
        PathPattern pathPattern = f.get("path").flatMap(n -> pathPattern(n, f.at("path"), context)).orElse(null);
        Map<String, String> headers = f.headers("headers").orElse(Map.of());
        Map<String, String> query = f.stringMap("query", "a mapping of query parameters to values").orElse(Map.of());
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new RequestMatch(method, pathPattern, headers, query));
    }

    /** An HTTP method, upper-cased. */
    static Optional<String> method(Node node, KeyPath path, BindContext context) {
        return context.values().string(node, path).flatMap(text -> {
            if (!HeaderSyntax.isToken(text)) {
                context.problems().add(node.location(), path, Messages.quote(text)
                        + " is not an HTTP method (expected a word such as GET or POST)");
                return Optional.empty();
            }
            return Optional.of(text.toUpperCase(Locale.ROOT));
        });
    }

    private static Optional<PathPattern> pathPattern(Node node, KeyPath path, BindContext context) {
        return context.values().string(node, path).flatMap(text -> {
            if (!text.startsWith("/")) {
                context.problems().add(node.location(), path, Messages.quote(text)
                        + " is not a path (expected a path starting with /, such as /charge or /api/**)");
                return Optional.empty();
            }
            try {
                return Optional.of(PathPattern.of(text));
            } catch (IllegalArgumentException e) {
                context.problems().add(node.location(), path, e.getMessage());
                return Optional.empty();
            }
        });
    }
}
