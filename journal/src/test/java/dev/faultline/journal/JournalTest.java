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

    private static UpstreamRequest requestWithPath(long atNanos, int pathLength) {
        // a fresh string per event, as Jetty parses one per request
        String path = "/" + Long.toString(atNanos, 36) + "x".repeat(pathLength);
        return new UpstreamRequest(atNanos, atNanos + 5, "payments", 0, 1, "GET", path, UUID.randomUUID().toString(),
                null, null, null, "route", 200, 2, -1, -1, null, Outcome.COMPLETED);
    }

    @Test
    void requestsWithLongPathsFillTheByteBoundLongBeforeTheCountBound() {
        // 2 KB paths: about 2.2 KB an event, so a 1 MB bound holds about 470 of them, not the 1,000,000 of the count
        Journal journal = new Journal(1_000_000, 1_000_000, Retention.KEEP_FIRST);
        for (int i = 0; i < 5_000; i++) {
            journal.append(requestWithPath(i, 2_048));
        }

        assertThat(journal.bytes()).isLessThanOrEqualTo(1_000_000).isGreaterThan(990_000);
        assertThat(journal.size()).isBetween(400L, 480L);
        assertThat(journal.dropped()).isEqualTo(5_000 - journal.size());
        assertThat(journal.offered()).isEqualTo(5_000);
        assertThat(journal.inAppendOrder()).extracting(Event::atNanos)
                .as("the first events, without a gap").startsWith(0L, 1L, 2L).hasSize((int) journal.size());
    }

    @Test
    void onceAnEventDidNotFitNoLaterOneIsKeptSoTheKeptEventsAreTheWholeStart() {
        Journal journal = new Journal(100, 3_000, Retention.KEEP_FIRST);
        journal.append(requestWithPath(0, 2_048));
        assertThat(journal.append(requestWithPath(1, 2_048))).as("does not fit").isFalse();
        assertThat(journal.append(requestAt(2))).as("would fit, but comes after a dropped one").isFalse();

        assertThat(journal.inAppendOrder()).extracting(Event::atNanos).containsExactly(0L);
        assertThat(journal.dropped()).isEqualTo(2);
    }

    @Test
    void aJournalKeepingTheNewestEvictsTheOldestPastEitherBoundAndCountsThem() {
        Journal byCount = new Journal(3, Long.MAX_VALUE, Retention.KEEP_LAST);
        Journal byBytes = new Journal(1_000_000, 20_000, Retention.KEEP_LAST);
        for (int i = 0; i < 100; i++) {
            assertThat(byCount.append(requestAt(i))).isTrue();
            byBytes.append(requestWithPath(i, 2_048));
        }

        assertThat(byCount.inAppendOrder()).extracting(Event::atNanos).containsExactly(97L, 98L, 99L);
        assertThat(byCount.dropped()).isEqualTo(97);
        assertThat(byCount.firstSequence()).isEqualTo(97);
        assertThat(byCount.endSequence()).isEqualTo(100);
        assertThat(byBytes.bytes()).isLessThanOrEqualTo(20_000);
        assertThat(byBytes.size()).isBetween(8L, 9L);
        assertThat(byBytes.inAppendOrder()).extracting(Event::atNanos).endsWith(98L, 99L);
        assertThat(byBytes.dropped() + byBytes.size()).isEqualTo(100);
    }

    @Test
    void forEachVisitsFromASequenceNumberInBatchesAndSequenceNumbersGoOnAcrossAClear() {
        Journal journal = new Journal(10_000, Long.MAX_VALUE, Retention.KEEP_LAST);
        for (int i = 0; i < 2_000; i++) {
            journal.append(requestAt(i));
        }
        List<Long> seen = new ArrayList<>();
        journal.forEach(1_500, 1_600, (sequence, event) -> {
            assertThat(event.atNanos()).isEqualTo(sequence);
            seen.add(sequence);
            return seen.size() < 60;
        });
        assertThat(seen).hasSize(60).startsWith(1_500L).endsWith(1_559L);

        journal.clear();
        journal.append(requestAt(7));

        assertThat(journal.firstSequence()).isEqualTo(2_000);
        List<Long> after = new ArrayList<>();
        journal.forEach(0, Long.MAX_VALUE, (sequence, event) -> after.add(sequence));
        assertThat(after).containsExactly(2_000L);
    }

    @Test
    void aCapacityMustBePositive() {
        assertThatThrownBy(() -> new Journal(0)).hasMessage("journal capacity must be > 0 but was 0");
    }
}
