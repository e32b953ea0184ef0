package dev.faultline.report;

import java.util.List;

/**
 * A phase as it was played.
 *
 * @param name         its name
 * @param startSeconds start, seconds since the run started
 * @param endSeconds   end, seconds since the run started (the run's end if it was cut short)
 * @param faults       ids of the fault rules in force ({@code PHASE/UPSTREAM[INDEX]})
 */
public record PhaseReport(String name, double startSeconds, double endSeconds, List<String> faults) {
    public PhaseReport {
        faults = faults == null ? List.of() : List.copyOf(faults);
    }
}
