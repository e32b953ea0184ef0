package dev.faultline.upstream.internal.ratelimit;

import dev.faultline.upstream.internal.ratelimit.QuotaState.Admission;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowLogTest {
    private static final long MS = 1_000_000L;

    private final SlidingWindowLog log = new SlidingWindowLog(3, 1_000 * MS);

    @Test
    void admitsTheLimitWithinAnyWindowAndSaysWhenTheOldestAdmissionLeavesIt() {
        assertThat(log.tryAcquire(0).admitted()).isTrue();
        assertThat(log.tryAcquire(300 * MS).admitted()).isTrue();
        Admission third = log.tryAcquire(600 * MS);
        assertThat(third.admitted()).isTrue();
        assertThat(third.remaining()).isZero();
        assertThat(third.nanosUntilMore()).isEqualTo(400 * MS);

        Admission refused = log.tryAcquire(900 * MS);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.nanosUntilMore()).isEqualTo(100 * MS);
    }

    @Test
    void eachAdmissionLeavesTheWindowExactlyOneWindowAfterIt() {
        log.tryAcquire(0);
        log.tryAcquire(300 * MS);
        log.tryAcquire(600 * MS);
        assertThat(log.tryAcquire(999 * MS).admitted()).isFalse();
        assertThat(log.tryAcquire(1_000 * MS).admitted()).isTrue();
        assertThat(log.tryAcquire(1_200 * MS).admitted()).isFalse();
        assertThat(log.tryAcquire(1_300 * MS).admitted()).isTrue();
    }

    @Test
    void unlikeAFixedWindowItNeverAdmitsMoreThanTheLimitAcrossABoundary() {
        int admitted = 0;
        for (long at = 900 * MS; at < 1_900 * MS; at += 10 * MS) {
            admitted += log.tryAcquire(at).admitted() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(3);
    }
}
