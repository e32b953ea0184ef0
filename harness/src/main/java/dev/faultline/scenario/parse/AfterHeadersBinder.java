package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.FaultAction;

import java.util.List;
import java.util.Optional;

/**
 * Binds the mapping form of a fault rule's {@code connection}: {@code {drop | reset | hang:
 * after-headers}}, a connection fault in the middle of a response (the status and headers go out
 * first). The plain {@code connection: drop} acts before any response.
 */
final class AfterHeadersBinder {
    static final String FEATURE = "phases.faults.connection.after-headers";
    private static final String FORMS = "{drop: after-headers}, {reset: after-headers} or {hang: after-headers}";

    private AfterHeadersBinder() {
    }

    static Optional<FaultAction> bind(Node node, KeyPath path, BindContext context) {
        Fields f = Fields.open(node, path, context.values(), "drop", "reset", "hang").orElseThrow();
        List<String> kinds = f.present("drop", "reset", "hang");
        if (kinds.isEmpty()) {
            if (!f.hasUnknownKeys()) {
                f.problem("needs a connection fault (expected drop, reset or hang, or " + FORMS + ")");
            }
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            f.problem("takes one connection fault but has " + Messages.and(kinds) + " (keep one)");
            return Optional.empty();
        }
        String kind = kinds.get(0);
        Optional<String> when = f.string(kind);
        if (when.isEmpty()) {
            return Optional.empty();
        }
        if (!when.get().equals("after-headers")) {
            f.problemAt(kind, Messages.quote(when.get()) + " is not when to " + kind + " (expected after-headers: the"
                    + " status and headers go out, then the connection is " + (kind.equals("hang") ? "left hanging" : kind
                    + (kind.equals("drop") ? "ped" : ""))
                    + "; for before any response write connection: " + kind + ")");
            return Optional.empty();
        }
        context.use(FEATURE, f, kind);
        return Optional.of(new FaultAction.AfterHeaders(FaultAction.AfterHeaders.Then.valueOf(kind.toUpperCase(java.util.Locale.ROOT))));
    }
}
