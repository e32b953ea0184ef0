package dev.faultline.analysis.retry;

import java.util.List;
import java.util.Optional;

/**
 * Jitter judged retry level by retry level (see {@link JitterAnalyzer} for the rule and its reasons).
 *
 * @param levels one entry per retry number any call reached, in order
 */
public record JitterMeasurement(List<LevelJitter> levels) {
    public JitterMeasurement {
        levels = List.copyOf(levels);
    }

    /**
     * Whether the client jitters: present when some level has jitter; empty when no level with a
     * backoff could be judged (too few calls failed together) and not every level was immediate, or when
     * no level showed jitter but one was blurred by the harness's own slow answers: jitter at that level
     * alone would make the client pass, so "without jitter" cannot be said of it.
     */
    public Optional<Boolean> present() {
        if (levels.stream().anyMatch(l -> l.verdict() == LevelJitter.Verdict.JITTER)) {
            return Optional.of(true);
        }
        if (!untrusted().isEmpty()) {
            return Optional.empty();
        }
        boolean backedOffJudged = levels.stream().anyMatch(l -> l.verdict().judged() && l.verdict() != LevelJitter.Verdict.IMMEDIATE);
        boolean allImmediate = !levels.isEmpty() && levels.stream().allMatch(l -> l.verdict() == LevelJitter.Verdict.IMMEDIATE);
        return backedOffJudged || allImmediate ? Optional.of(false) : Optional.empty();
    }

    /** The levels the harness's own slow answers left unjudged. */
    public List<LevelJitter> untrusted() {
        return levels.stream().filter(l -> l.verdict() == LevelJitter.Verdict.UNTRUSTED).toList();
    }

    /** The levels that had jitter. */
    public List<LevelJitter> jittered() {
        return levels.stream().filter(l -> l.verdict() == LevelJitter.Verdict.JITTER).toList();
    }

    /**
     * The largest coefficient of variation of a judged level whose spread clears the noise floor (a
     * level under it counts 0: its spread is timer noise). At least {@link JitterAnalyzer#MIN_CV}
     * exactly when some level has jitter, so it can stand as the measured value of {@code require-jitter}.
     */
    public double strongestCv() {
        return levels.stream()
                .filter(l -> l.verdict() == LevelJitter.Verdict.JITTER || l.verdict() == LevelJitter.Verdict.NARROW)
                .mapToDouble(LevelJitter::cv).max().orElse(0);
    }

    /** The most calls any level compared (to say how far from judgeable a thin run was). */
    public int mostCallsCompared() {
        return levels.stream().mapToInt(LevelJitter::calls).max().orElse(0);
    }
}
