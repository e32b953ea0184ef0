package dev.faultline.expect;

import dev.faultline.analysis.BackoffMeasurement;
import dev.faultline.analysis.BackoffShape;
import dev.faultline.analysis.GapStats;
import dev.faultline.analysis.Retry;
import dev.faultline.analysis.SyncMeasurement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words of retry explanations: gaps, shapes, jitter and bunching as one line a person reads,
 * e.g. {@code 10 clients; gaps after failure 1.00 s, 2.00 s, 4.00 s (CV 0.01): exponential ×2
 * without jitter; 10 of 10 first retries landed in the same 100 ms}.
 */
final class RetryWords {
    /** Gap levels listed before the rest is elided. */
    private static final int MAX_GAPS_LISTED = 6;
    /** Below this CV a client is said to retry without jitter ({@code require-jitter}'s limit). */
    static final double JITTER_CV = 0.1;

    private RetryWords() {
    }

    /** {@code 1.00 s}. */
    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** A run time, {@code 5.21 s} into the run. */
    static String at(long runNanos) {
        return seconds(runNanos / 1e9);
    }

    /** A CV as {@code 0.57}. */
    static String cv(double cv) {
        return String.format(Locale.ROOT, "%.2f", cv);
    }

    /** A growth factor: {@code 2} when within 0.05 of a whole number, else {@code 1.65}. */
    static String factor(double factor) {
        long whole = Math.round(factor);
        if (Math.abs(factor - whole) < 0.05) {
            return String.valueOf(whole);
        }
        return String.format(Locale.ROOT, "%.2f", factor);
    }

    /** {@code 10 clients} or {@code 30 calls from 1 client}. */
    static String who(long calls, long clients) {
        if (calls == clients) {
            return Checks.count(clients, "client");
        }
        return Checks.count(calls, "call") + " from " + Checks.count(clients, "client");
    }

    /** The mean gap of each retry number: {@code 1.00 s, 2.00 s, 4.00 s}. */
    static String gaps(BackoffMeasurement b) {
        List<String> parts = new ArrayList<>();
        for (GapStats g : b.gaps()) {
            if (parts.size() == MAX_GAPS_LISTED) {
                parts.add("…");
                break;
            }
            parts.add(seconds(g.meanSeconds()));
        }
        return String.join(", ", parts);
    }

    /** The shape in words, with any immediate first retries: {@code first retry immediate, then exponential ×2}. */
    static String shape(BackoffMeasurement b) {
        String shape = shape(b.shape());
        if (b.leadingImmediate() == 0 || b.shape() instanceof BackoffShape.None) {
            return shape;
        }
        String lead = b.leadingImmediate() == 1 ? "first retry immediate" : "first " + b.leadingImmediate() + " retries immediate";
        return lead + ", then " + shape;
    }

    static String shape(BackoffShape shape) {
        if (shape instanceof BackoffShape.None) {
            return "immediate retries (no backoff)";
        }
        if (shape instanceof BackoffShape.Single s) {
            return "one gap level only (" + seconds(s.seconds()) + "): too few retries per call to tell the shape";
        }
        if (shape instanceof BackoffShape.Constant c) {
            return "constant " + seconds(c.seconds());
        }
        if (shape instanceof BackoffShape.Linear l) {
            return "linear +" + seconds(l.stepSeconds()) + " a retry";
        }
        if (shape instanceof BackoffShape.Exponential e) {
            return e.gaps() == 2
                    ? "growing ×" + factor(e.factor()) + " (two gap levels: exponential or linear)"
                    : "exponential ×" + factor(e.factor());
        }
        if (shape instanceof BackoffShape.Capped c) {
            return shape(c.growth()) + " capped at " + seconds(c.capSeconds());
        }
        return "no regular shape";
    }

    /** {@code with jitter}, {@code without jitter}, or empty when it could not be measured. */
    static String jitter(BackoffMeasurement b) {
        if (b.jitterCv().isEmpty()) {
            return "";
        }
        return b.jitterCv().getAsDouble() >= JITTER_CV ? " with jitter" : " without jitter";
    }

    /**
     * The headline of a client's retries: who, the gaps with their CV, the shape and jitter, how bunched
     * the first retries were, and how many gaps followed a Retry-After.
     */
    static String headline(BackoffMeasurement b, long clients, Optional<SyncMeasurement> sync) {
        StringBuilder text = new StringBuilder();
        text.append(who(b.callsRetried(), clients)).append("; gaps after failure ").append(gaps(b));
        b.jitterCv().ifPresent(cv -> text.append(" (CV ").append(cv(cv)).append(')'));
        text.append(": ").append(shape(b)).append(jitter(b));
        sync.filter(s -> s.firstRetries() > 1).ifPresent(s -> text.append("; ").append(s.firstRetriesPeak()).append(" of ")
                .append(s.firstRetries()).append(" first retries landed in the same 100 ms"));
        if (b.afterRetryAfter() > 0) {
            text.append("; ").append(b.afterRetryAfter() == b.retries() ? "every" : b.afterRetryAfter() + " of " + b.retries())
                    .append(b.afterRetryAfter() == b.retries() ? " gap followed a Retry-After" : " gaps followed a Retry-After");
        }
        return text.toString();
    }

    /** {@code call client 0 #1 at 5.21 s}. */
    static String where(Retry r) {
        return "call " + r.call().key() + " at " + at(r.attempt().atNanos());
    }
}
