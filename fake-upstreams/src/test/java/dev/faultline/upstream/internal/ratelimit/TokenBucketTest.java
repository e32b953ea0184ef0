package dev.faultline.upstream.internal.ratelimit;

import dev.faultline.upstream.internal.ratelimit.QuotaState.Admission;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {
    private static final long MS = 1_000_000L;
    private static final long ORIGIN = 1_000 * MS;

    /** 5 per second: a token every 200 ms, a burst of 5. */
    private final TokenBucket bucket = new TokenBucket(5, 1_000 * MS, ORIGIN);

    @Test
    void aFullBucketAdmitsABurstOfTheLimitThenRefuses() {
        for (int remaining = 4; remaining >= 0; remaining--) {
            Admission admission = bucket.tryAcquire(ORIGIN);
            assertThat(admission.admitted()).isTrue();
            assertThat(admission.remaining()).isEqualTo(remaining);
            assertThat(admission.nanosUntilMore()).isEqualTo(200 * MS);
        }
        Admission refused = bucket.tryAcquire(ORIGIN + 50 * MS);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.nanosUntilMore()).as("until the next token").isEqualTo(150 * MS);
    }

    @Test
    void tokensComeBackOneIntervalAtATime() {
        drain(ORIGIN);
        assertThat(bucket.tryAcquire(ORIGIN + 199 * MS).admitted()).isFalse();
        assertThat(bucket.tryAcquire(ORIGIN + 200 * MS).admitted()).isTrue();
        assertThat(bucket.tryAcquire(ORIGIN + 200 * MS).admitted()).isFalse();
        assertThat(bucket.tryAcquire(ORIGIN + 400 * MS).admitted()).isTrue();
    }

    @Test
    void anIdleBucketRefillsToTheLimitAndNoFurther() {
        drain(ORIGIN);
        long later = ORIGIN + 10_000 * MS;
        assertThat(bucket.tryAcquire(later).remaining()).isEqualTo(4);
        assertThat(drain(later)).isEqualTo(4);
    }

    @Test
    void theBucketStartsFullAtThePhasesStart() {
        assertThat(drain(ORIGIN + 3 * MS)).isEqualTo(5);
    }

    @Test
    void aRequestSeenOutOfOrderIsStillCountedOnce() {
        drain(ORIGIN + 500 * MS);
        // An arrival decided late, stamped earlier than the last one: no token is created for it.
        assertThat(bucket.tryAcquire(ORIGIN + 400 * MS).admitted()).isFalse();
    }

    @Test
    void aLimitThatDoesNotDivideTheWindowKeepsItsBurst() {
        TokenBucket third = new TokenBucket(3, 1_000 * MS, 0);
        assertThat(third.tryAcquire(0).admitted()).isTrue();
        assertThat(third.tryAcquire(0).admitted()).isTrue();
        assertThat(third.tryAcquire(0).admitted()).isTrue();
        assertThat(third.tryAcquire(0).admitted()).isFalse();
    }

    private int drain(long at) {
        int admitted = 0;
        while (bucket.tryAcquire(at).admitted()) {
            admitted++;
        }
        return admitted;
    }
}
