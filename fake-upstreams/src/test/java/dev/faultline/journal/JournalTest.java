package dev.faultline.journal;

import dev.faultline.journal.UpstreamRequest.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {

    private static UpstreamRequest requestAt(long atNanos) {
        return new UpstreamRequest(atNanos, atNanos + 5, "payments", 0, 1, "GET", "/charge", UUID.randomUUID().toString(),
                null, null, null, "route", 200, 2, -1, -1, null, Outcome.COMPLETED);
    }

    @Test
    void keepsEventsUpToItsCapacityAndCountsTheRestAsDropped() {
        Journal journal = new Journal(3);
        for (int i = 0; i < 5; i++) {
            assertThat(journal.append(requestAt(i))).isEqualTo(i < 3);
        }
        assertThat(journal.offered()).isEqualTo(5);
        assertThat(journal.dropped()).isEqualTo(2);
        assertThat(journal.inAppendOrder()).extracting(Event::atNanos).containsExactly(0L, 1L, 2L);
    }

    @Test
    void givesBackEveryEventEqualToWhatWasAppendedInAppendOrderOrTimeOrder() {
        Journal journal = new Journal(10_000);
        List<Event> appended = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            Event event = i % 1_000 == 0 ? new PhaseStarted(9_000L - i, i / 1_000, "phase-" + i) : requestAt(9_000L - i);
            appended.add(event);
            journal.append(event);
        }
        assertThat(journal.inAppendOrder()).containsExactlyElementsOf(appended);
        assertThat(journal.snapshot()).extracting(Event::atNanos).isSorted();
        assertThat(journal.snapshot()).containsExactlyInAnyOrderElementsOf(appended);
    }

    @Test
    void clearForgetsEveryEventAndTheCountsAndTheJournalKeepsRecording() {
        Journal journal = new Journal(2);
        journal.append(requestAt(1));
        journal.append(requestAt(2));
        journal.append(requestAt(3));

        journal.clear();

        assertThat(journal.snapshot()).isEmpty();
        assertThat(journal.offered()).isZero();
        assertThat(journal.dropped()).isZero();
        assertThat(journal.append(requestAt(4))).isTrue();
        assertThat(journal.snapshot()).extracting(Event::atNanos).containsExactly(4L);
    }

    @Test
    void aCapacityMustBePositive() {
        assertThatThrownBy(() -> new Journal(0)).hasMessage("journal capacity must be > 0 but was 0");
    }
}
