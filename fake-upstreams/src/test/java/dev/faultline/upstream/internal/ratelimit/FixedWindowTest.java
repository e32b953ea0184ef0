package dev.faultline.upstream.internal.ratelimit;

import dev.faultline.upstream.internal.ratelimit.QuotaState.Admission;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixedWindowTest {
    private static final long MS = 1_000_000L;
    private static final long ORIGIN = 5_000 * MS;

    private final FixedWindow window = new FixedWindow(5, 1_000 * MS, ORIGIN);

    @Test
    void admitsTheLimitPerWindowAndSaysWhenTheWindowEnds() {
        for (int remaining = 4; remaining >= 0; remaining--) {
            Admission admission = window.tryAcquire(ORIGIN + 100 * MS);
            assertThat(admission.admitted()).isTrue();
            assertThat(admission.remaining()).isEqualTo(remaining);
            assertThat(admission.nanosUntilMore()).isEqualTo(900 * MS);
        }
        Admission refused = window.tryAcquire(ORIGIN + 700 * MS);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.nanosUntilMore()).isEqualTo(300 * MS);
    }

    @Test
    void windowsAreAlignedOnThePhaseStartSoTheNextWindowStartsAfresh() {
        // Also the algorithm's known edge: twice the limit within one millisecond across a boundary.
        assertThat(admitted(ORIGIN + 999 * MS, 10)).isEqualTo(5);
        assertThat(admitted(ORIGIN + 1_000 * MS, 10)).isEqualTo(5);
    }

    @Test
    void aWindowLongAgoDoesNotCountAgainstTheCurrentOne() {
        admitted(ORIGIN, 5);
        assertThat(admitted(ORIGIN + 4_321_000 * MS, 10)).isEqualTo(5);
    }

    private int admitted(long at, int requests) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            admitted += window.tryAcquire(at).admitted() ? 1 : 0;
        }
        return admitted;
    }
}
