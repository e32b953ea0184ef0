package dev.faultline.analysis.retry;

/**
 * The spread of the n-th gap among calls that failed together (see {@link JitterAnalyzer}), and what
 * it says about jitter at that retry level.
 *
 * @param number      n: the gap before retry n
 * @param calls       calls compared: those in cohorts of two or more that made retry n
 * @param dof         degrees of freedom of the spread: {@code calls} less one per cohort
 * @param meanSeconds mean gap of the calls compared (0 when none)
 * @param sdSeconds   pooled standard deviation of the gap within cohorts (0 when none)
 * @param iqrSeconds  interquartile range of the gaps' deviations from their cohort's mean: the spread
 *                    of the middle half of the calls, which one late call cannot widen (0 when none)
 * @param slowAnswers the calls compared whose n-th failure the fake upstream took more than the noise
 *                    floor to answer (beyond any delay the fault planned): their response's end, and so
 *                    their gap, is known only that closely
 * @param slowestAnswerSeconds the longest such answer, 0 when none
 * @param verdict     what the level shows
 */
public record LevelJitter(int number, int calls, int dof, double meanSeconds, double sdSeconds, double iqrSeconds,
                          int slowAnswers, double slowestAnswerSeconds, Verdict verdict) {

    /** What one retry level shows about jitter, in the order the rule tests them. */
    public enum Verdict {
        /** 90 % of the gaps were under 100 ms: a retry at once is not spread, whatever its noise. */
        IMMEDIATE,
        /** Fewer than {@value JitterAnalyzer#MIN_DOF} degrees of freedom: not judged. */
        TOO_FEW,
        /**
         * More than a quarter of the n-th failures took the harness itself over the noise floor to answer:
         * the spread may be the harness's, not the client's. Not judged.
         */
        UNTRUSTED,
        /** The middle half of the calls spread over less than the timer-noise floor. */
        NOISE,
        /** Spread above the noise floor, but under the least coefficient of variation of jitter. */
        NARROW,
        /** Spread above both floors: this level has jitter. */
        JITTER;

        /** True when the level counts for the verdict (neither too thin nor too blurred by the harness to judge). */
        public boolean judged() {
            return this != TOO_FEW && this != UNTRUSTED;
        }
    }

    /** Coefficient of variation: {@code sd / mean}, 0 for an immediate level or no mean. */
    public double cv() {
        return verdict == Verdict.IMMEDIATE || meanSeconds <= 0 ? 0 : sdSeconds / meanSeconds;
    }
}
