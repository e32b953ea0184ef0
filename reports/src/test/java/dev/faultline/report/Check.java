package dev.faultline.report;

/** Builds an {@link ExpectationResult} the way the harness words one: number, unit, limit as written. */
final class Check {

    private final String id;
    private String kind;
    private CheckStatus status = CheckStatus.PASSED;
    private Double measured;
    private String unit = "";
    private String comparison = "";
    private Double limit;
    private String limitText = "";
    private String explanation = "";

    private Check(String id) {
        this.id = id;
        this.kind = id.replaceAll("[.\\[].*", "");
    }

    static Check check(String id) {
        return new Check(id);
    }

    Check passed() {
        status = CheckStatus.PASSED;
        return this;
    }

    Check failed() {
        status = CheckStatus.FAILED;
        return this;
    }

    Check inconclusive() {
        status = CheckStatus.INCONCLUSIVE;
        return this;
    }

    Check measured(double value, String unit) {
        this.measured = value;
        this.unit = unit;
        return this;
    }

    Check notMeasured(String unit) {
        this.measured = null;
        this.unit = unit;
        return this;
    }

    /** The limit as the file wrote it, e.g. {@code limit("<=", 2.0, "2.0")} or {@code limit("<=", 2.0, "2s")}. */
    Check limit(String comparison, double limit, String asWritten) {
        this.comparison = comparison;
        this.limit = limit;
        this.limitText = asWritten;
        return this;
    }

    Check explanation(String explanation) {
        this.explanation = explanation;
        return this;
    }

    ExpectationResult build() {
        String measuredText = measured == null ? "" : Numbers.number(measured) + (unit.isEmpty() ? "" : " " + unit);
        return new ExpectationResult(id, kind, status, status == CheckStatus.PASSED, measured, limit, comparison, unit,
                measuredText, limitText, explanation);
    }
}
