package dev.faultline.scenario.parse;

import java.math.BigDecimal;

/**
 * Why a number written in a scenario has no value the loader can use. It is decided once, when the
 * number is read, so that no later arithmetic ever sees a number whose exponent would make
 * {@link BigDecimal} work for minutes ({@code 1e+100000000}) or throw ({@code 1e+999999999}).
 */
enum UnusableNumber {
    /** YAML's {@code .inf} and {@code .nan}. */
    NOT_FINITE,
    /** More characters than {@link Limits#MAX_NUMBER_LENGTH}. */
    TOO_LONG,
    /** {@code 1e308} or more in size. */
    TOO_LARGE,
    /** Not zero, but less than {@code 1e-307} in size. */
    TOO_SMALL;

    /** The value itself when it is usable, or why it is not. */
    static Object check(BigDecimal value) {
        if (value.signum() == 0) {
            return value;
        }
        // The decimal exponent of the leading digit; precision() is cheap for the <= 1000 digits allowed.
        long exponent = (long) value.precision() - value.scale() - 1;
        if (exponent > Limits.MAX_EXPONENT) {
            return TOO_LARGE;
        }
        if (exponent < -Limits.MAX_EXPONENT) {
            return TOO_SMALL;
        }
        return value;
    }
}
