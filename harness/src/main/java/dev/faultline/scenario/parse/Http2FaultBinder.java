package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultAction.Http2Fault;
import dev.faultline.upstream.spec.Http2ErrorCode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Binds a fault rule's {@code http2}: {@code {rst-stream: CODE}}, {@code {goaway: {error: CODE,
 * last-stream-id: N}}}, {@code stall-window} or {@code {max-concurrent-streams: N}}, and checks the
 * rule's other keys against it: the stream limit is set when a connection is made, before any
 * request, so it takes no trigger or delay; a stalled window holds the stream until the client
 * gives up, so a delay would mean nothing.
 */
final class Http2FaultBinder {
    private static final String FORMS = "{rst-stream: CODE}, {goaway: {error: CODE, last-stream-id: N}}, stall-window"
            + " or {max-concurrent-streams: N}";
    private static final String[] LIMIT_REFUSES = {"match", "probability", "first", "by", "delay"};
    private static final Map<String, Http2ErrorCode> CODES = codes();

    private final BindContext context;

    Http2FaultBinder(BindContext context) {
        this.context = context;
    }

    /**
     * The fault at {@code node}; empty when it has errors (already reported).
     *
     * @param rule the rule's fields, whose other keys the fault may refuse
     */
    Optional<FaultAction> bind(Node node, KeyPath path, Fields rule) {
        if (node instanceof Node.Scalar scalar && scalar.kind() == Node.ScalarKind.STRING) {
            if (!scalar.text().equals("stall-window")) {
                context.problems().add(node.location(), path, Messages.quote(scalar.text()) + " is not an HTTP/2 fault"
                        + " (expected " + FORMS + ")");
                return Optional.empty();
            }
            if (rule.has("delay")) {
                rule.problemAt("delay", "http2: stall-window takes no delay (it never reads the request's body, so"
                        + " the stream waits until the client gives up; remove delay)");
                return Optional.empty();
            }
            return Optional.of(Http2Fault.stallWindow());
        }
        if (!(node instanceof Node.Mapping)) {
            context.problems().add(node.location(), path, Messages.expected("an HTTP/2 fault (" + FORMS + ")", node));
            return Optional.empty();
        }
        Fields f = Fields.open(node, path, context.values(), "rst-stream", "goaway", "max-concurrent-streams").orElseThrow();
        List<String> kinds = f.present("rst-stream", "goaway", "max-concurrent-streams");
        if (kinds.isEmpty()) {
            if (!f.hasUnknownKeys()) {
                f.problem("needs a fault (expected " + FORMS + ")");
            }
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            f.problem("takes one fault but has " + Messages.and(kinds) + " (split it into rules, or keep one)");
            return Optional.empty();
        }
        return switch (kinds.get(0)) {
            case "rst-stream" -> f.choice("rst-stream", "an HTTP/2 error code (RFC 9113)", CODES).map(Http2Fault::rstStream);
            case "goaway" -> goAway(f.get("goaway").orElseThrow(), f.at("goaway"));
            default -> limit(f, rule);
        };
    }

    private Optional<FaultAction> goAway(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "error", "last-stream-id");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        Optional<Http2ErrorCode> error = f.required("error", "the GOAWAY's error code, such as error: NO_ERROR or"
                + " error: ENHANCE_YOUR_CALM").flatMap(n -> context.values().choice(n, f.at("error"),
                "an HTTP/2 error code (RFC 9113)", CODES));
        OptionalLong last = f.has("last-stream-id")
                ? f.integer("last-stream-id", Range.between(0, Integer.MAX_VALUE), "a stream id (0 for none processed)")
                : OptionalLong.of(-1);
        if (error.isEmpty() || last.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Http2Fault.goAway(error.get(), (int) last.getAsLong()));
    }

    private Optional<FaultAction> limit(Fields f, Fields rule) {
        OptionalLong limit = f.integer("max-concurrent-streams", Range.intAtLeast(1), "a number of streams");
        boolean ok = limit.isPresent();
        for (String key : rule.present(LIMIT_REFUSES)) {
            rule.problemAt(key, "http2: {max-concurrent-streams: N} takes no " + key + " (it sets the SETTINGS of every"
                    + " connection made during the phase, before any request exists; remove " + key + ")");
            ok = false;
        }
        return ok ? Optional.of(Http2Fault.maxConcurrentStreams((int) limit.getAsLong())) : Optional.empty();
    }

    private static Map<String, Http2ErrorCode> codes() {
        Map<String, Http2ErrorCode> codes = new LinkedHashMap<>();
        for (Http2ErrorCode code : Http2ErrorCode.values()) {
            codes.put(code.name(), code);
        }
        return Collections.unmodifiableMap(codes);
    }
}
