package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.UpstreamTls;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binds an upstream's {@code tls}: {@code true} (HTTPS), {@code false} (cleartext, as if absent) or
 * {@code {client-auth: required | none}} (mTLS, or HTTPS without asking for a client certificate).
 */
final class TlsBinder {
    private static final String EXPECTED = "true, false, or {client-auth: required}";
    private static final Map<String, Boolean> CLIENT_AUTH = new LinkedHashMap<>();

    static {
        CLIENT_AUTH.put("required", true);
        CLIENT_AUTH.put("none", false);
    }

    private TlsBinder() {
    }

    /**
     * The upstream's TLS, empty for cleartext. {@code ok} is false after a problem was reported, so
     * the caller can tell "cleartext" from "invalid".
     */
    record Bound(Optional<UpstreamTls> tls, boolean ok) {
    }

    static Bound bind(Node node, KeyPath path, BindContext context) {
        if (node instanceof Node.Scalar scalar && scalar.kind() == Node.ScalarKind.BOOLEAN) {
            return new Bound(scalar.truth() ? Optional.of(UpstreamTls.SERVER_ONLY) : Optional.empty(), true);
        }
        if (!(node instanceof Node.Mapping)) {
            context.problems().add(node.location(), path, Messages.expected(EXPECTED, node));
            return new Bound(Optional.empty(), false);
        }
        Optional<Fields> opened = context.open(node, path, "client-auth");
        if (opened.isEmpty()) {
            return new Bound(Optional.empty(), false);
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        boolean required = f.get("client-auth")
                .flatMap(n -> context.values().choice(n, f.at("client-auth"), "a client-auth policy", CLIENT_AUTH))
                .orElse(false);
        if (context.problems().count() > errors) {
            return new Bound(Optional.empty(), false);
        }
        return new Bound(Optional.of(required ? UpstreamTls.MUTUAL : UpstreamTls.SERVER_ONLY), true);
    }
}
