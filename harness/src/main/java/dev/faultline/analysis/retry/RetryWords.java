package dev.faultline.analysis.retry;


import dev.faultline.analysis.Retry;
import dev.faultline.expect.Checks;
import dev.faultline.report.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The words of retry explanations: gaps, shapes, jitter and bunching as one line a person reads,
 * e.g. {@code 10 clients; gaps after failure 1.00 s, 2.00 s, 4.00 s: exponential ×2 without jitter;
 * 10 of 10 first retries landed in the same 100 ms}.
 */
final class RetryWords {
    /** Gap levels listed before the rest is elided. */
    private static final int MAX_GAPS_LISTED = 6;
    /** The least CV of a jittered retry level ({@code require-jitter}'s limit). */
    static final double JITTER_CV = JitterAnalyzer.MIN_CV;

    private RetryWords() {
    }

    /** A run time, {@code 5.21 s} into the run. */
    static String at(long runNanos) {
        return Numbers.fixedSeconds(runNanos / 1e9);
    }

    /** A growth factor: {@code 2} when within 0.05 of a whole number, else {@code 1.65}. */
    static String factor(double factor) {
        long whole = Math.round(factor);
        if (Math.abs(factor - whole) < 0.05) {
            return String.valueOf(whole);
        }
        return Numbers.ratio(factor);
    }

    /** {@code 10 clients} or {@code 30 calls from 1 client}. */
    static String who(long calls, long clients) {
        if (calls == clients) {
            return Numbers.count(clients, "client");
        }
        return Numbers.count(calls, "call") + " from " + Numbers.count(clients, "client");
    }

    /** The mean gap of each retry number: {@code 1.00 s, 2.00 s, 4.00 s}. */
    static String gaps(BackoffMeasurement b) {
        List<String> parts = new ArrayList<>();
        for (GapStats g : b.gaps()) {
            if (parts.size() == MAX_GAPS_LISTED) {
                parts.add("…");
                break;
            }
            parts.add(Numbers.fixedSeconds(g.meanSeconds()));
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
            return "one gap level only (" + Numbers.fixedSeconds(s.seconds()) + "): too few retries per call to tell the shape";
        }
        if (shape instanceof BackoffShape.Constant c) {
            return "constant " + Numbers.fixedSeconds(c.seconds());
        }
        if (shape instanceof BackoffShape.Linear l) {
            return "linear +" + Numbers.fixedSeconds(l.stepSeconds()) + " a retry";
        }
        if (shape instanceof BackoffShape.Exponential e) {
            return e.gaps() == 2
                    ? "growing ×" + factor(e.factor()) + " (two gap levels: exponential or linear)"
                    : "exponential ×" + factor(e.factor());
        }
        if (shape instanceof BackoffShape.Capped c) {
            return shape(c.growth()) + " capped at " + Numbers.fixedSeconds(c.capSeconds());
        }
        return "no regular shape";
    }

    /**
     * {@code with jitter at retries 2, 3}, {@code without jitter}, or empty when it could not be judged.
     */
    static String jitter(BackoffMeasurement b) {
        JitterMeasurement j = b.jitter();
        if (j.present().isEmpty()) {
            return "";
        }
        if (!j.present().get()) {
            return " without jitter";
        }
        List<LevelJitter> jittered = j.jittered();
        return " with jitter at " + (jittered.size() == 1 ? "retry " : "retries ")
                + String.join(", ", jittered.stream().map(l -> String.valueOf(l.number())).toList());
    }

    /**
     * Each retry level's jitter figures and verdict: {@code retry 1: 8 calls, immediate; retry 2: 8 calls,
     * mean 1.52 s, sd 281 ms, CV 0.19: jitter; retry 4: 8 calls, mean 4.51 s, sd 290 ms, CV 0.06: under CV 0.1}.
     */
    /** "retry 2" or "retries 1, 3". */
    static String levelNumbers(List<LevelJitter> levels) {
        String numbers = levels.stream().map(l -> String.valueOf(l.number())).collect(Collectors.joining(", "));
        return (levels.size() == 1 ? "retry " : "retries ") + numbers;
    }

    static String jitterLevels(BackoffMeasurement b) {
        List<String> parts = new ArrayList<>();
        for (LevelJitter l : b.jitter().levels()) {
            StringBuilder part = new StringBuilder("retry ").append(l.number()).append(": ");
            if (l.verdict() == LevelJitter.Verdict.IMMEDIATE) {
                parts.add(part.append("immediate").toString());
                continue;
            }
            if (l.verdict() == LevelJitter.Verdict.TOO_FEW) {
                parts.add(part.append(Numbers.count(l.calls(), "call")).append(" failed together, not judged (")
                        .append(JitterAnalyzer.MIN_DOF + 1).append(" needed)").toString());
                continue;
            }
            if (l.verdict() == LevelJitter.Verdict.UNTRUSTED) {
                parts.add(part.append(Numbers.count(l.calls(), "call")).append(", not judged: the fake upstream took over ")
                        .append(Numbers.wholeMillis(JitterAnalyzer.NOISE_FLOOR_SECONDS)).append(" (up to ").append(Numbers.wholeMillis(l.slowestAnswerSeconds()))
                        .append(") to answer ").append(l.slowAnswers()).append(" of the failures before it, so those gaps are known only that closely")
                        .toString());
                continue;
            }
            part.append(Numbers.count(l.calls(), "call")).append(", mean ").append(Numbers.fixedSeconds(l.meanSeconds()))
                    .append(", sd ").append(Numbers.wholeMillis(l.sdSeconds())).append(", CV ").append(Numbers.ratio(l.cv())).append(": ");
            part.append(switch (l.verdict()) {
                case JITTER -> "jitter";
                case MACHINE_NOISE -> "middle half within " + Numbers.wholeMillis(l.iqrSeconds()) + ", within the machine's own timer noise (longest oversleep "
                        + Numbers.wholeMillis(l.longestOversleepSeconds().orElse(0)) + " measured by the harness; "
                        + Numbers.wholeMillis(l.noiseFloorSeconds()) + " needed), not judged";
                case NARROW -> "under CV " + Numbers.ratio(JITTER_CV);
                default -> "middle half within " + Numbers.wholeMillis(l.iqrSeconds()) + ", under the "
                        + Numbers.wholeMillis(JitterAnalyzer.NOISE_FLOOR_SECONDS) + " of timer noise";
            });
            parts.add(part.toString());
        }
        return String.join("; ", parts);
    }

    /**
     * The headline of a client's retries: who, the gaps, the shape and jitter, how bunched the first
     * retries were, and how many gaps followed a Retry-After.
     */
    static String headline(BackoffMeasurement b, long clients, Optional<SyncMeasurement> sync) {
        StringBuilder text = new StringBuilder();
        text.append(who(b.callsRetried(), clients)).append("; gaps after failure ").append(gaps(b));
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
