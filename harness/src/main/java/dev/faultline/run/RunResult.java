package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.report.RunReport;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced.
 *
 * @param report    the report (also written to {@code reportDir})
 * @param reportDir where the report files are
 * @param events    the journal, in time order
 */
public record RunResult(RunReport report, Path reportDir, List<Event> events) {
    public RunResult {
        events = List.copyOf(events);
    }

    /** The exit code the run ended with. */
    public int exitCode() {
        return report.exitCode();
    }
}
