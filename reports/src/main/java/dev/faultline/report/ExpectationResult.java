package dev.faultline.report;

import java.util.Objects;

/**
 * One judged check.
 *
 * @param id           the check's key path in the scenario file, e.g. {@code retries.max-amplification}
 *                     or {@code retries[1].honor-retry-after}
 * @param kind         the expectation kind: {@code retries}, {@code health}, {@code shutdown},
 *                     {@code fairness} or {@code latency}
 * @param status       passed, failed or inconclusive
 * @param passed       {@code status == PASSED}, for consumers that want a boolean
 * @param measured     the measured number, or {@code null} when nothing could be measured
 * @param limit        the limit from the file as a number, or {@code null} when it is not numeric
 * @param comparison   how measured relates to limit to pass: {@code <=}, {@code >=}, {@code ==}, {@code in}
 * @param unit         unit of measured and limit ({@code attempts/call}, {@code ms}, {@code ratio}, ...)
 * @param measuredText measured, formatted with its unit for people
 * @param limitText    the limit as written, formatted for people
 * @param explanation  one line: what was observed, with the numbers behind the verdict
 */
public record ExpectationResult(
        String id,
        String kind,
        CheckStatus status,
        boolean passed,
        Double measured,
        Double limit,
        String comparison,
        String unit,
        String measuredText,
        String limitText,
        String explanation) {

    public ExpectationResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        comparison = Objects.requireNonNullElse(comparison, "");
        unit = Objects.requireNonNullElse(unit, "");
        measuredText = Objects.requireNonNullElse(measuredText, "");
        limitText = Objects.requireNonNullElse(limitText, "");
        explanation = Objects.requireNonNullElse(explanation, "");
    }
}
