package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequestView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A journal as the retry analyses read it: the phases as played, the events that are not requests at
 * upstreams, and each upstream's attempts as {@link AttemptColumns}, built once on first use and
 * shared by every check that reads that upstream.
 *
 * <p>Built from a list of events (a re-judged JSON journal, a test) or straight from a {@link Journal},
 * whose compact requests are then read in place: no record per request is made for the judgement.
 */
public final class JudgedJournal {
    private final List<Event> others;
    private final Timeline timeline;
    private final Map<String, List<UpstreamRequestView>> requests;
    private final Map<String, AttemptColumns> columns = new HashMap<>();

    private JudgedJournal(List<Event> others, long lastRequestNanos, Map<String, List<UpstreamRequestView>> requests) {
        this.others = others;
        this.timeline = Timeline.of(others, lastRequestNanos);
        this.requests = requests;
    }

    /** A journal's events, in time order (as {@link Journal#snapshot()} gives them). */
    public static JudgedJournal of(List<Event> events) {
        // Counted first, so that each upstream's list is allocated once at its size.
        Map<String, int[]> counts = new HashMap<>();
        for (Event e : events) {
            if (e instanceof UpstreamRequest r) {
                counts.computeIfAbsent(r.upstream(), u -> new int[1])[0]++;
            }
        }
        List<Event> others = new ArrayList<>();
        Map<String, List<UpstreamRequestView>> requests = new HashMap<>();
        counts.forEach((upstream, count) -> requests.put(upstream, new ArrayList<>(count[0])));
        long last = 0;
        for (Event e : events) {
            if (e instanceof UpstreamRequest r) {
                requests.get(r.upstream()).add(r);
                last = Math.max(last, r.atNanos());
            } else {
                others.add(e);
            }
        }
        return new JudgedJournal(others, last, requests);
    }

    /** What a journal holds now, read in place. */
    public static JudgedJournal of(Journal journal) {
        // Counted first, so that each upstream's list is allocated once at its size (a million
        // references grown by copies were a few percent of the bytes a judgement allocated).
        Map<String, int[]> counts = new HashMap<>();
        journal.forEachHeld(new Journal.HeldVisitor() {
            private String upstream;
            private int[] count;

            @Override
            public void request(UpstreamRequestView request) {
                if (count == null || !request.upstream().equals(upstream)) {
                    upstream = request.upstream();
                    count = counts.computeIfAbsent(upstream, u -> new int[1]);
                }
                count[0]++;
            }

            @Override
            public void event(Event event) {
            }
        });
        List<Event> others = new ArrayList<>();
        Map<String, List<UpstreamRequestView>> requests = new HashMap<>();
        counts.forEach((upstream, count) -> requests.put(upstream, new ArrayList<>(count[0])));
        long[] last = {0};
        journal.forEachHeld(new Journal.HeldVisitor() {
            // Consecutive requests nearly always share the upstream (and its pooled name): one lookup per run of them.
            private String upstream;
            private List<UpstreamRequestView> list;

            @Override
            public void request(UpstreamRequestView request) {
                if (list == null || !request.upstream().equals(upstream)) {
                    upstream = request.upstream();
                    // A request appended between the two passes starts a list of its own.
                    list = requests.computeIfAbsent(upstream, u -> new ArrayList<>());
                }
                list.add(request);
                last[0] = Math.max(last[0], request.atNanos());
            }

            @Override
            public void event(Event event) {
                others.add(event);
            }
        });
        // In time order, ties in append order, as Journal.snapshot() orders them.
        others.sort(Comparator.comparingLong(Event::atNanos));
        return new JudgedJournal(others, last[0], requests);
    }

    /** The phases as played. */
    public Timeline timeline() {
        return timeline;
    }

    /** The events that are not requests at upstreams, in time order. */
    public List<Event> otherEvents() {
        return others;
    }

    /** The attempts at {@code upstream}, in arrival order (built on first use). */
    public AttemptColumns attemptsAt(String upstream) {
        return columns.computeIfAbsent(upstream, u -> AttemptColumns.of(requests.getOrDefault(u, List.of())));
    }
}
