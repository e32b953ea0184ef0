package dev.faultline.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LateShareTest {

    @Test
    void oneLateDeliveryOutOf21IsChanceWhateverItsSize() {
        LateShare share = new LateShare(1, 21, 0.01);

        assertThat(share.excessive()).isFalse();
        assertThat(share.pValue()).isCloseTo(1 - Math.pow(0.99, 21), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void thirtyPercentLateOutOf50IsAnOverloadedMachine() {
        LateShare share = new LateShare(15, 50, 0.01);

        assertThat(share.excessive()).isTrue();
        assertThat(share.pValue()).isLessThan(1e-15);
    }

    @Test
    void theSmallestLateCountThatTellsFollowsTheBinomialTailAtOneInAThousand() {
        // P(X >= 3 | 21, 1 %) = 0.0011 is not below 0.001; P(X >= 4 | 21, 1 %) = 5.2e-5 is.
        assertThat(new LateShare(3, 21, 0.01).excessive()).isFalse();
        assertThat(new LateShare(4, 21, 0.01).excessive()).isTrue();
        assertThat(new LateShare(4, 50, 0.01).excessive()).isFalse();
        assertThat(new LateShare(5, 50, 0.01).excessive()).isTrue();
        assertThat(new LateShare(21, 1000, 0.01).excessive()).isFalse();
        assertThat(new LateShare(22, 1000, 0.01).excessive()).isTrue();
    }

    @Test
    void fewerThanThreeLateNeverTellEvenWhenEveryDeliveryWasLate() {
        assertThat(new LateShare(2, 2, 0.01).pValue()).isLessThan(LateShare.FALSE_ALARM);
        assertThat(new LateShare(2, 2, 0.01).excessive()).isFalse();
        assertThat(new LateShare(3, 3, 0.01).excessive()).isTrue();
    }

    @Test
    void aLargeSampleTellsASmallExcessButNotTheToleratedShare() {
        assertThat(new LateShare(100, 10_000, 0.01).excessive()).isFalse();
        assertThat(new LateShare(140, 10_000, 0.01).excessive()).isTrue();
    }

    @Test
    void noDeliveriesNeverTell() {
        assertThat(new LateShare(0, 0, 0.01).excessive()).isFalse();
        assertThat(new LateShare(0, 0, 0.01).share()).isZero();
    }

    @Test
    void theReasoningGivesTheShareTheCountAndTheProbability() {
        assertThat(new LateShare(4, 21, 0.01).reasoning()).isEqualTo("at most 1 % may be, and a machine within that shows 4 or"
                + " more of 21 with probability 5.2e-05 (the rule needs at least 3 late and a probability below 0.001)");
    }

    @Test
    void aLateCountAboveTheTotalIsABug() {
        assertThatThrownBy(() -> new LateShare(3, 2, 0.01)).isInstanceOf(IllegalArgumentException.class);
    }
}
