package dev.faultline.upstream.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacingTest {

    @Test
    void stepsAreAFiftiethOfASecondBetweenOneByteAndSixteenKibibytes() {
        assertThat(new Pacing(64 * 1024).stepBytes()).isEqualTo(64 * 1024 / 50);
        assertThat(new Pacing(10).stepBytes()).isEqualTo(1);
        assertThat(new Pacing(100L * 1024 * 1024).stepBytes()).isEqualTo(16 * 1024);
    }

    @Test
    void bytesAreDueOnAnAbsoluteScheduleFromTheStart() {
        Pacing pacing = new Pacing(1000);
        assertThat(pacing.dueNanos(500)).isEqualTo(500_000_000L);
        // a late step does not push the next one later: the wait is measured from the start
        assertThat(pacing.waitNanos(0, 500, 600_000_000L)).isNegative();
        assertThat(pacing.waitNanos(0, 1000, 600_000_000L)).isEqualTo(400_000_000L);
    }

    @Test
    void aRateOfZeroIsRefused() {
        assertThatThrownBy(() -> new Pacing(0)).hasMessageContaining("above 0");
    }
}
