package dev.faultline.upstream.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before answering, as a distribution. Drawing is a pure function of uniform
 * variates supplied by the caller, so the fake upstream's seeded streams decide every draw.
 * Draws are clamped at zero (a normal distribution can go negative).
 */
public sealed interface Delay {

    /**
     * Draws one delay.
     *
     * @param u1 a uniform variate in [0, 1)
     * @param u2 a second, independent uniform variate in [0, 1) (used by the normal family)
     * @return the delay in nanoseconds, never negative
     */
    long sampleNanos(double u1, double u2);

    /** The short discriminator used in the scenario file and the report. */
    String kind();

    /** Always the same delay. */
    record Fixed(Duration duration) implements Delay {
        public Fixed {
            requireNonNegative(duration, "delay");
        }

        @Override
        public long sampleNanos(double u1, double u2) {
            return duration.toNanos();
        }

        @Override
        public String kind() {
            return "fixed";
        }
    }

    /** Uniform between {@code min} and {@code max}. */
    record Uniform(Duration min, Duration max) implements Delay {
        public Uniform {
            requireNonNegative(min, "uniform min");
            requireNonNegative(max, "uniform max");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform max " + max + " is below min " + min);
            }
        }

        @Override
        public long sampleNanos(double u1, double u2) {
            long lo = min.toNanos();
            return lo + (long) (u1 * (max.toNanos() - lo));
        }

        @Override
        public String kind() {
            return "uniform";
        }
    }

    /** Normal with the given mean and standard deviation, clamped at zero. */
    record Normal(Duration mean, Duration stddev) implements Delay {
        public Normal {
            requireNonNegative(mean, "normal mean");
            requireNonNegative(stddev, "normal stddev");
        }

        @Override
        public long sampleNanos(double u1, double u2) {
            return Math.max(0, (long) (mean.toNanos() + stddev.toNanos() * standardNormal(u1, u2)));
        }

        @Override
        public String kind() {
            return "normal";
        }
    }

    /** Log-normal with the given median ({@code e^mu}) and shape {@code sigma}. */
    record LogNormal(Duration median, double sigma) implements Delay {
        public LogNormal {
            requireNonNegative(median, "lognormal median");
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("lognormal sigma must be a finite number >= 0 but was " + sigma);
            }
        }

        @Override
        public long sampleNanos(double u1, double u2) {
            return (long) (median.toNanos() * Math.exp(sigma * standardNormal(u1, u2)));
        }

        @Override
        public String kind() {
            return "lognormal";
        }
    }

    /** Pareto (type I) with minimum {@code scale} and tail index {@code shape}. */
    record Pareto(Duration scale, double shape) implements Delay {
        public Pareto {
            requireNonNegative(scale, "pareto scale");
            if (!(shape > 0) || Double.isInfinite(shape)) {
                throw new IllegalArgumentException("pareto shape must be a finite number > 0 but was " + shape);
            }
        }

        @Override
        public long sampleNanos(double u1, double u2) {
            double tail = Math.pow(1.0 - u1, -1.0 / shape);
            double nanos = scale.toNanos() * tail;
            return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
        }

        @Override
        public String kind() {
            return "pareto";
        }
    }

    private static void requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative but was " + d);
        }
    }

    // Box-Muller; u1 is shifted away from 0 so the logarithm stays finite.
    private static double standardNormal(double u1, double u2) {
        double r = Math.sqrt(-2.0 * Math.log(1.0 - u1));
        return r * Math.cos(2.0 * Math.PI * u2);
    }
}
