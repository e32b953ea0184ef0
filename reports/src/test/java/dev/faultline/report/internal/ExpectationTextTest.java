package dev.faultline.report.internal;

import dev.faultline.report.CheckStatus;
import dev.faultline.report.ExpectationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationTextTest {

    @Test
    void theVerdictLineNamesTheMeasuredValueAndTheLimitWithItsComparison() {
        ExpectationResult e = result(4.2, 2.0, "<=", "attempts/call", "4.2 attempts/call", "2.0");

        assertThat(ExpectationText.verdictLine(e)).isEqualTo("measured 4.2 attempts/call, limit <= 2.0");
    }

    @Test
    void numbersAreFormattedWithTheirUnitWhenTheHarnessGaveNoText() {
        ExpectationResult e = result(0.61234, 0.1, ">=", "cv", "", "");

        assertThat(ExpectationText.measured(e)).isEqualTo("0.612 cv");
        assertThat(ExpectationText.limit(e)).isEqualTo(">= 0.100 cv");
    }

    @Test
    void aLimitWrittenWithItsComparisonIsNotGivenASecondOne() {
        ExpectationResult e = result(3.0, null, "in", "", "3", "in [0, 143]");

        assertThat(ExpectationText.limit(e)).isEqualTo("in [0, 143]");
    }

    @Test
    void nothingMeasuredIsSaidInWords() {
        ExpectationResult e = result(null, 2.0, "<=", "s", "", "2s");

        assertThat(ExpectationText.verdictLine(e)).isEqualTo("nothing measured, limit <= 2s");
        assertThat(ExpectationText.typesetLimit(e)).isEqualTo("≤ 2s");
    }

    private static ExpectationResult result(Double measured, Double limit, String comparison, String unit,
                                            String measuredText, String limitText) {
        return new ExpectationResult("x.y", "x", CheckStatus.FAILED, false, measured, limit, comparison, unit,
                measuredText, limitText, "");
    }
}
