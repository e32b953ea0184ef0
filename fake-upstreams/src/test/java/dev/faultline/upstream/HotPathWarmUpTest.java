package dev.faultline.upstream;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up drives real requests through a throwaway upstream, through its route and then its 503
 * rule, once per JVM, and leaves nothing running.
 */
class HotPathWarmUpTest {
    @Test
    void answersEveryRequestThroughBothPathsOnceAndLeavesNoThreadBehind() {
        // 2,048: four clients, each 256 requests per path in batches of 16, so the count comes out exact.
        int answered = HotPathWarmUp.run(Duration.ofSeconds(30), 2_048);

        assertThat(answered).as("the route's half and the 503 rule's half both answered").isEqualTo(2_048);
        assertThat(HotPathWarmUp.run(Duration.ofSeconds(30), 2_048)).as("once per JVM").isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.isAlive()
                && (thread.getName().startsWith("faultline-warm-up-client")
                || thread.getName().startsWith("faultline-upstream-warm-up")));
    }
}
