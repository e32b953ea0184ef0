package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.journal.JournalJson;
import dev.faultline.report.ReportWriter;
import dev.faultline.report.RunReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a run's files: the journal and every report. Each file is written to a temporary file in
 * the same folder and renamed, so CI never reads half a file. A failure to write one file is reported
 * and does not stop the others.
 */
final class ReportFiles {
    private ReportFiles() {
    }

    static void write(RunReport report, List<Event> events, Path dir, PrintWriter progress) {
        try {
            Files.createDirectories(dir);
            Path temporary = dir.resolve("." + ReportAssembler.JOURNAL_FILE + ".tmp");
            JournalJson.write(events, temporary);
            move(temporary, dir.resolve(ReportAssembler.JOURNAL_FILE));
        } catch (IOException | RuntimeException e) {
            progress.println("faultline: could not write " + dir.resolve(ReportAssembler.JOURNAL_FILE) + ": " + e.getMessage());
        }
        try {
            ReportWriter.writeAll(report, dir);
        } catch (IOException | RuntimeException e) {
            progress.println("faultline: could not write the reports in " + dir + ": " + e.getMessage());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
