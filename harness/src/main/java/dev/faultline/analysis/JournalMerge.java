package dev.faultline.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.journal.Event;
import dev.faultline.journal.JournalJson;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.RunEnded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several journals of one scenario (one per {@code faultline serve} pod behind a Service) as one, on
 * one run clock, each event tagged with the pod that journaled it. Pure.
 *
 * <p><b>The rule.</b> Each pod's clock starts at its own start, and each pod plays the phases on its
 * own timeline, so the clocks are aligned on the phases: the journal with the most {@code
 * phase-started} events is the reference, and every other journal's phase starts must be a prefix of
 * the reference's (same phases, same order). An event of pod {@code p} at {@code t}, in its phase
 * {@code k} (the last phase {@code p} started at or before {@code t}; phase 0 for events before the
 * first), moves to {@code t - start_p[k] + start_ref[k]}: it keeps its distance from the start of
 * the phase it met. So every event lands in the phase whose faults it met on its own pod, and phase
 * windows are the reference's. Only the reference's {@code phase-started} events are kept, and one
 * {@code run-ended} (the latest; aborted if any was).
 *
 * <p><b>The limit.</b> Within a pod, distances are exact (one monotonic clock). Between pods, two
 * events are as far apart on the merged clock as they were in real time only if the pods started
 * each phase at the same moment; otherwise they are off by the difference of the pods' phase starts,
 * which no journal records (serve journals carry no wall clock). That matters for analyses that pair
 * attempts across pods (the gaps between a call's retries when the Service sent them to different
 * pods); counts, statuses and phase membership are unaffected. Switching every pod's phase through
 * the control API at once ({@code POST /phase/NAME}) keeps the difference to the spread of those
 * requests.
 */
public final class JournalMerge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INSTANTS = List.of("atNanos", "sentNanos", "endNanos");

    private JournalMerge() {
    }

    /**
     * One pod's journal.
     *
     * @param pod    the tag its events get (the file or URL it came from)
     * @param events its events, in any order
     */
    public record Source(String pod, List<Event> events) {
        public Source {
            events = List.copyOf(events);
        }
    }

    /**
     * An event on the merged clock with the pod it came from.
     *
     * @param pod   the source's tag
     * @param event the event, its instants moved onto the merged clock
     */
    public record Tagged(String pod, Event event) {
        /** The event as a {@code journal.jsonl} line with {@code "pod"} added (readers ignore unknown keys). */
        public String line() {
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(JournalJson.toLine(event));
                node.put("pod", pod);
                return JSON.writeValueAsString(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The merged journal, in time order (ties: sources' order, then each source's order).
     *
     * @throws IllegalArgumentException when the journals cannot be put on one clock: several journals
     *                                  and one without a phase start, or phases that differ; the
     *                                  message names the journals and what they played
     */
    public static List<Tagged> merge(List<Source> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        List<List<PhaseStarted>> starts = sources.stream().map(s -> phaseStarts(s.events())).toList();
        int reference = 0;
        for (int i = 1; i < sources.size(); i++) {
            if (starts.get(i).size() > starts.get(reference).size()) {
                reference = i;
            }
        }
        List<PhaseStarted> ref = starts.get(reference);
        if (sources.size() > 1) {
            for (int i = 0; i < sources.size(); i++) {
                check(sources.get(i), starts.get(i), sources.get(reference), ref);
            }
        }
        List<Tagged> merged = new ArrayList<>();
        RunEnded end = null;
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            List<PhaseStarted> own = starts.get(i);
            for (Event event : source.events()) {
                if (event instanceof PhaseStarted && i != reference) {
                    continue;
                }
                long delta = own.isEmpty() ? 0 : ref.get(phaseAt(own, event.atNanos())).atNanos() - own.get(phaseAt(own, event.atNanos())).atNanos();
                Event moved = delta == 0 ? event : shifted(event, delta);
                if (moved instanceof RunEnded ended) {
                    end = end == null ? ended : new RunEnded(Math.max(end.atNanos(), ended.atNanos()), end.aborted() || ended.aborted());
                    continue;
                }
                merged.add(new Tagged(source.pod(), moved));
            }
        }
        if (end != null) {
            merged.add(new Tagged(sources.get(reference).pod(), end));
        }
        merged.sort(Comparator.comparingLong(t -> t.event().atNanos()));
        return merged;
    }

    /** The events alone, for the judges. */
    public static List<Event> events(List<Tagged> merged) {
        return merged.stream().map(Tagged::event).toList();
    }

    private static void check(Source source, List<PhaseStarted> own, Source refSource, List<PhaseStarted> ref) {
        if (own.isEmpty()) {
            throw new IllegalArgumentException(source.pod() + " holds no phase-started event, so its clock cannot be put on the"
                    + " others' (a journal read after POST /reset, or whose first events were evicted, lacks them; read the"
                    + " journals before resetting, or judge this one alone)");
        }
        List<String> ownNames = own.stream().map(PhaseStarted::name).toList();
        List<String> refNames = ref.stream().map(PhaseStarted::name).toList();
        if (!refNames.subList(0, ownNames.size()).equals(ownNames)) {
            throw new IllegalArgumentException(source.pod() + " played the phases " + ownNames + " but " + refSource.pod()
                    + " played " + refNames + ": the journals of one merge must play the same phases in the same order"
                    + " (switch every pod's phase at once, e.g. POST /phase/NAME to each)");
        }
    }

    private static List<PhaseStarted> phaseStarts(List<Event> events) {
        return events.stream().filter(PhaseStarted.class::isInstance).map(PhaseStarted.class::cast)
                .sorted(Comparator.comparingLong(PhaseStarted::atNanos)).toList();
    }

    /** The index of the last phase started at or before {@code t}, or 0 before the first. */
    private static int phaseAt(List<PhaseStarted> starts, long t) {
        int k = 0;
        for (int i = 0; i < starts.size() && starts.get(i).atNanos() <= t; i++) {
            k = i;
        }
        return k;
    }

    /** The event with every instant (not durations, not the -1 of "never") moved by {@code delta}. */
    private static Event shifted(Event event, long delta) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(JournalJson.toLine(event));
            for (String field : INSTANTS) {
                if (node.has(field) && node.get(field).asLong() >= 0) {
                    node.put(field, node.get(field).asLong() + delta);
                }
            }
            return JournalJson.fromLine(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException("could not move a " + event.type() + " event on the clock: " + e.getMessage(), e);
        }
    }
}
