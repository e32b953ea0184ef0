package dev.faultline.analysis.latency;

import dev.faultline.analysis.LoadStats;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.expect.LoadFidelity;
import dev.faultline.journal.LoadResult;
import dev.faultline.scenario.Expectations.LatencyExpectation;

import java.util.List;
import java.util.Optional;

/**
 * What one {@code expect.latency} entry is judged on: the load's results over its {@code during} phases
 * (default: the whole run). {@link LatencyJudge} turns it into verdicts. Pure.
 *
 * @param where       the phases, for people: {@code the run} or {@code outage, recovery}
 * @param unjudgeable why no check of the entry can be judged (the phases never played, no request), if so
 * @param stats       every judged request: latency from the intended and from the actual send time, outcomes, lag
 * @param punctual    the requests the driver sent on time (no more than 100 ms late), for the success rate
 */
public record LatencyAnalysis(String where, Optional<String> unjudgeable, LoadStats stats, LoadStats punctual) {

    /** The analysis of one entry, from the played phases and the load's results. */
    public static LatencyAnalysis of(LatencyExpectation e, Timeline timeline, List<LoadResult> load) {
        List<PhaseWindow> windows = e.during().isEmpty() ? timeline.phases() : timeline.phases(e.during());
        String where = e.during().isEmpty() ? "the run" : String.join(", ", e.during());
        double seconds = windows.stream().mapToDouble(PhaseWindow::seconds).sum();
        List<LoadResult> inWindow = LoadStats.within(load, windows);
        LoadStats stats = LoadStats.of(where, seconds, inWindow);
        LoadStats punctual = LoadStats.of(where, seconds, inWindow.stream().filter(r -> !LoadFidelity.late(r)).toList());

        String unjudgeable = null;
        if (windows.isEmpty()) {
            unjudgeable = "the phases " + e.during() + " were never played";
        } else if (stats.requests() == 0) {
            unjudgeable = "the load sent no request during " + where + " that could be judged";
        }
        return new LatencyAnalysis(where, Optional.ofNullable(unjudgeable), stats, punctual);
    }
}
