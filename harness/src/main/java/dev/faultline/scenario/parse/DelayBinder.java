package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.Delay;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Binds a fault rule's {@code delay}: a duration, or one distribution of {@code uniform},
 * {@code normal}, {@code lognormal}, {@code pareto}.
 */
final class DelayBinder {
    static final String FEATURE = "phases.faults.delay";

    private static final String FORMS = "a duration such as 200ms, or {uniform: [MIN, MAX]}, {normal: {mean, stddev}},"
            + " {lognormal: {median, sigma}} or {pareto: {scale, shape}}";

    private final BindContext context;

    DelayBinder(BindContext context) {
        this.context = context;
    }

    /** The delay at {@code node}; empty when it has errors (already reported). */
    Optional<Delay> bind(Node node, KeyPath path) {
        if (node instanceof Node.Scalar && !((Node.Scalar) node).isNull()) {
            return context.values().duration(node, path).map(Delay.Fixed::new);
        }
        if (!(node instanceof Node.Mapping)) {
            context.problems().add(node.location(), path, Messages.expected(FORMS, node));
            return Optional.empty();
        }
        Fields f = Fields.open(node, path, context.values(), "uniform", "normal", "lognormal", "pareto").orElseThrow();
        List<String> kinds = f.present("uniform", "normal", "lognormal", "pareto");
        if (kinds.isEmpty()) {
            if (!f.hasUnknownKeys()) {
                f.problem("needs a distribution (expected " + FORMS + ")");
            }
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            f.problem("takes one distribution but has " + Messages.and(kinds) + " (keep one)");
            return Optional.empty();
        }
        String kind = kinds.get(0);
        context.use(FEATURE + "." + kind, f, kind);
        Node value = f.get(kind).orElseThrow();
        KeyPath at = f.at(kind);
        return switch (kind) {
            case "uniform" -> uniform(value, at);
            case "normal" -> normal(value, at);
            case "lognormal" -> logNormal(value, at);
            default -> pareto(value, at);
        };
    }

    private Optional<Delay> uniform(Node node, KeyPath path) {
        Optional<List<Node>> items = context.values().list(node, path, "[MIN, MAX], two durations");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (items.get().size() != 2) {
            context.problems().add(node.location(), path, "has " + items.get().size()
                    + " values (expected [MIN, MAX], two durations)");
            return Optional.empty();
        }
        Optional<Duration> min = context.values().duration(items.get().get(0), path.index(0));
        Optional<Duration> max = context.values().duration(items.get().get(1), path.index(1));
        if (min.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        if (max.get().compareTo(min.get()) < 0) {
            context.problems().add(node.location(), path, "max " + Durations.format(max.get()) + " is below min "
                    + Durations.format(min.get()) + " (expected [MIN, MAX] with MIN no more than MAX)");
            return Optional.empty();
        }
        return Optional.of(new Delay.Uniform(min.get(), max.get()));
    }

    private Optional<Delay> normal(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "mean", "stddev");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        Optional<Duration> mean = requiredDuration(f, "mean", "the mean delay, such as mean: 100ms");
        Optional<Duration> stddev = requiredDuration(f, "stddev", "the standard deviation, such as stddev: 20ms");
        return mean.isPresent() && stddev.isPresent() ? Optional.of(new Delay.Normal(mean.get(), stddev.get()))
                : Optional.empty();
    }

    private Optional<Delay> logNormal(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "median", "sigma");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        Optional<Duration> median = requiredDuration(f, "median", "the median delay, such as median: 80ms");
        Optional<BigDecimal> sigma = f.required("sigma", "the shape, such as sigma: 0.5")
                .flatMap(n -> context.values().number(n, f.at("sigma"), Range.atLeast(0)));
        return median.isPresent() && sigma.isPresent()
                ? Optional.of(new Delay.LogNormal(median.get(), sigma.get().doubleValue())) : Optional.empty();
    }

    private Optional<Delay> pareto(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "scale", "shape");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        Optional<Duration> scale = requiredDuration(f, "scale", "the smallest delay, such as scale: 20ms");
        Optional<BigDecimal> shape = f.required("shape", "the tail index, such as shape: 1.5")
                .flatMap(n -> context.values().number(n, f.at("shape"), Range.above(0)));
        return scale.isPresent() && shape.isPresent()
                ? Optional.of(new Delay.Pareto(scale.get(), shape.get().doubleValue())) : Optional.empty();
    }

    private Optional<Duration> requiredDuration(Fields f, String key, String what) {
        return f.required(key, what).flatMap(n -> context.values().duration(n, f.at(key)));
    }
}
