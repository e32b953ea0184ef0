package dev.faultline.run;

import dev.faultline.journal.JournalJson;
import dev.faultline.report.ReportJson;
import dev.faultline.report.ReportWriter;
import dev.faultline.report.RunReport;
import dev.faultline.report.Verdict;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a run's files: the journal and every report. Each file is written to a temporary file in
 * the same folder and renamed, so CI never reads half a file, and a temporary file never outlives a
 * failure.
 *
 * <p>A run whose files cannot be written (a full disk, a file where the folder should be) did not
 * produce what the gate promises, so it ends as {@code error} (exit 3) with the path and the OS's
 * words, whatever its checks said. The report is then written again with that verdict, so no
 * report.json on disk claims a verdict the exit code contradicts; if even that fails, the
 * report.json of the first attempt is deleted.
 */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes the files and returns the report that stands: the run's own, or an error one if writing failed. */
    static RunReport write(FinishedRun facts, Path dir, PrintWriter progress) {
        RunReport report = ReportAssembler.assemble(facts);
        Optional<String> failure = writeJournal(facts, dir).or(() -> writeReports(report, dir));
        if (failure.isEmpty()) {
            return report;
        }
        progress.println("faultline: could not write " + failure.get());
        if (facts.verdict() == Verdict.ERROR || facts.verdict() == Verdict.ABORTED) {
            return report;
        }
        RunReport failed = ReportAssembler.assemble(facts.withError("the report could not be written: " + failure.get()
                + " (the checks said " + facts.verdict().text() + ", but a gate without its report proves nothing;"
                + " free the space or choose another folder with --report-dir)"));
        if (writeReports(failed, dir).isPresent()) {
            Path json = dir.resolve(ReportWriter.JSON);
            try {
                ReportWriter.write(json, ReportJson.write(failed));
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(json);
                } catch (IOException ignored) {
                    // Nothing more can be done on this disk; the exit code and the console still say error.
                }
            }
        }
        return failed;
    }

    private static Optional<String> writeJournal(FinishedRun facts, Path dir) {
        Path journal = dir.resolve(ReportAssembler.JOURNAL_FILE);
        Path temporary = dir.resolve("." + ReportAssembler.JOURNAL_FILE + "." + UUID.randomUUID() + ".tmp");
        try {
            JournalJson.write(facts.events(), temporary);
            move(temporary, journal);
            return Optional.empty();
        } catch (IOException e) {
            deleteQuietly(temporary);
            return Optional.of(IoErrors.describe(journal, e));
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            return Optional.of(journal + ": " + e);
        }
    }

    private static Optional<String> writeReports(RunReport report, Path dir) {
        try {
            ReportWriter.writeAll(report, dir);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(IoErrors.describe(dir, e));
        } catch (RuntimeException e) {
            return Optional.of("the reports in " + dir + ": " + e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Reported with the failure that caused it.
        }
    }
}
