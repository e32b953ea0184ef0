package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.FaultAction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Binds a fault rule's {@code body}: {@code garbage}, {@code {truncate-after: BYTES}} or {@code {dribble: {bytes, every}}}. */
final class BodyFaultBinder {
    static final String FEATURE = "phases.faults.body";

    private static final String FORMS = "garbage, {truncate-after: BYTES}, {dribble: {bytes: N, every: DURATION}}"
            + " or {bandwidth: 64KB/s}";

    private final BindContext context;

    BodyFaultBinder(BindContext context) {
        this.context = context;
    }

    /** The body fault at {@code node}; empty when it has errors (already reported). */
    Optional<FaultAction> bind(Node node, KeyPath path) {
        if (node instanceof Node.Scalar scalar && scalar.kind() == Node.ScalarKind.STRING) {
            if (!scalar.text().equals("garbage")) {
                context.problems().add(node.location(), path, Messages.quote(scalar.text()) + " is not a body fault"
                        + " (expected " + FORMS + ")");
                return Optional.empty();
            }
            context.use(FEATURE + ".garbage", path, node.location());
            return Optional.of(new FaultAction.GarbageBody());
        }
        if (!(node instanceof Node.Mapping)) {
            context.problems().add(node.location(), path, Messages.expected("a body fault (" + FORMS + ")", node));
            return Optional.empty();
        }
        Fields f = Fields.open(node, path, context.values(), "truncate-after", "dribble", "bandwidth").orElseThrow();
        List<String> effects = f.present("truncate-after", "dribble", "bandwidth");
        if (effects.isEmpty()) {
            if (!f.hasUnknownKeys()) {
                f.problem("needs an effect (expected " + FORMS + ")");
            }
            return Optional.empty();
        }
        if (effects.size() > 1) {
            f.problem("takes one effect but has " + Messages.and(effects) + " (keep one)");
            return Optional.empty();
        }
        String effect = effects.get(0);
        context.use(FEATURE + "." + effect, f, effect);
        if (effect.equals("truncate-after")) {
            OptionalLong bytes = f.integer("truncate-after", Range.atLeast(0), "a number of bytes");
            return bytes.isPresent() ? Optional.of(new FaultAction.TruncateBody(bytes.getAsLong())) : Optional.empty();
        }
        if (effect.equals("bandwidth")) {
            return Bandwidths.bind(f.get("bandwidth").orElseThrow(), f.at("bandwidth"), context.problems())
                    .map(FaultAction.BandwidthBody::new);
        }
        return dribble(f.get("dribble").orElseThrow(), f.at("dribble"));
    }

    private Optional<FaultAction> dribble(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "bytes", "every");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        OptionalLong bytes = f.required("bytes", "how many bytes to send at a time, such as bytes: 10").isPresent()
                ? f.integer("bytes", Range.intAtLeast(1), "a number of bytes") : OptionalLong.empty();
        Optional<Duration> every = f.required("every", "how often to send them, such as every: 100ms")
                .flatMap(n -> context.values().positiveDuration(n, f.at("every")));
        if (bytes.isEmpty() || every.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FaultAction.DribbleBody((int) bytes.getAsLong(), every.get()));
    }
}
