package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.FaultAction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Binds a fault rule's {@code deprecate: {sunset: DATE, link: URL, since: DATE, gone: BOOL}}. */
final class DeprecateBinder {
    static final String FEATURE = "phases.faults.deprecate";
    private static final String DATES = "an ISO date such as 2026-12-31 (midnight UTC) or a date and time"
            + " such as 2026-12-31T12:00:00Z";

    private final BindContext context;

    DeprecateBinder(BindContext context) {
        this.context = context;
    }

    /** The deprecation at {@code node}; empty when it has errors (already reported). */
    Optional<FaultAction> bind(Node node, KeyPath path) {
        int errors = context.problems().count();
        Optional<Fields> opened = Fields.openOrEmpty(node, path, context.values(), "sunset", "link", "since", "gone");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        Instant sunset = f.get("sunset").flatMap(n -> date(n, f.at("sunset"))).orElse(null);
        Instant since = f.get("since").flatMap(n -> date(n, f.at("since"))).orElse(null);
        String link = f.has("link") ? f.nonBlank("link", "the successor's URL, such as /v2/orders").orElse(null) : null;
        boolean gone = f.has("gone") && f.bool("gone").orElse(false);
        if (sunset != null && since != null && since.isAfter(sunset)) {
            f.problemAt("since", "is after sunset (an endpoint is deprecated before it goes away)");
        }
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new FaultAction.Deprecate(sunset, link, since, gone));
    }

    /** A date: an ISO date (midnight UTC), or a date and time with an offset. */
    private Optional<Instant> date(Node node, KeyPath path) {
        Optional<String> text = context.values().string(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String written = text.get().trim();
        try {
            if (written.length() == 10) {
                return Optional.of(LocalDate.parse(written).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(written).toInstant());
        } catch (DateTimeParseException e) {
            context.problems().add(node.location(), path, Messages.quote(written) + " is not a date (expected " + DATES + ")");
            return Optional.empty();
        }
    }
}
