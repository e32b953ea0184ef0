package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.report.RunReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Writes a run's report files; each is written to a temporary file and renamed. */
final class ReportFiles {
    private ReportFiles() {
    }

    static void write(RunReport report, List<Event> events, Path dir, PrintWriter progress) {
        // Wired to the report writers and the journal writer when they land.
    }
}
