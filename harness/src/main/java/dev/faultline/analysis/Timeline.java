package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The phases as they were actually played, recovered from the journal's phase events.
 *
 * @param phases   windows in order
 * @param endNanos when the timeline ended
 */
public record Timeline(List<PhaseWindow> phases, long endNanos) {
    public Timeline {
        phases = List.copyOf(phases);
    }

    /** Rebuilds the timeline from a journal (events in time order). */
    public static Timeline of(List<Event> events) {
        return of(events, 0);
    }

    /**
     * Rebuilds the timeline from a journal's events (in time order) less some held elsewhere, the
     * latest of which was at {@code lastElsewhereNanos} (the run's end when no {@code run-ended} was
     * recorded is the latest event of all).
     */
    public static Timeline of(List<Event> events, long lastElsewhereNanos) {
        List<PhaseStarted> starts = new ArrayList<>();
        long end = -1;
        long last = Math.max(0, lastElsewhereNanos);
        for (Event event : events) {
            last = Math.max(last, event.atNanos());
            if (event instanceof PhaseStarted started) {
                starts.add(started);
            } else if (event instanceof RunEnded ended && end < 0) {
                end = ended.atNanos();
            }
        }
        if (end < 0) {
            end = last;
        }
        List<PhaseWindow> windows = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            PhaseStarted s = starts.get(i);
            long windowEnd = i + 1 < starts.size() ? starts.get(i + 1).atNanos() : Math.max(end, s.atNanos());
            windows.add(new PhaseWindow(s.index(), s.name(), s.atNanos(), windowEnd));
        }
        return new Timeline(windows, end);
    }

    /** The window of the named phase, if it was played. */
    public Optional<PhaseWindow> phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The windows of these phases that were played, in timeline order. */
    public List<PhaseWindow> phases(Collection<String> names) {
        return phases.stream().filter(p -> names.contains(p.name())).toList();
    }

    /** True if the instant falls in any of the windows. */
    public static boolean within(List<PhaseWindow> windows, long nanos) {
        // Indexed, not for-each: this runs once per attempt of a million-event journal, and the
        // iterator of an immutable list was not always scalar-replaced (a third of the bytes judging allocated).
        for (int i = 0, n = windows.size(); i < n; i++) {
            if (windows.get(i).contains(nanos)) {
                return true;
            }
        }
        return false;
    }
}
