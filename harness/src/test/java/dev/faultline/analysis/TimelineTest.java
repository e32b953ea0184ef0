package dev.faultline.analysis;

import org.junit.jupiter.api.Test;

import static dev.faultline.analysis.JournalFixture.journal;
import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    @Test
    void eachPhaseLastsUntilTheNextStartsAndTheLastUntilTheRunEnded() {
        Timeline timeline = Timeline.of(journal().phase("a", 0).phase("b", 2_000).end(5_000).events());

        assertThat(timeline.phases()).extracting(PhaseWindow::name).containsExactly("a", "b");
        assertThat(timeline.phase("a").orElseThrow().seconds()).isEqualTo(2.0);
        assertThat(timeline.phase("b").orElseThrow().seconds()).isEqualTo(3.0);
        assertThat(timeline.phase("b").orElseThrow().contains(4_999_000_000L)).isTrue();
        assertThat(timeline.phase("b").orElseThrow().contains(5_000_000_000L)).isFalse();
    }

    @Test
    void aPhaseThatWasNeverPlayedIsAbsent() {
        Timeline timeline = Timeline.of(journal().phase("a", 0).end(1_000).events());

        assertThat(timeline.phase("b")).isEmpty();
    }
}
