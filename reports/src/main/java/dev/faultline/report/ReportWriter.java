package dev.faultline.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * Writes a report folder. Each file is written whole to a temporary file beside it and then renamed
 * over the old one, so a CI step reading the folder sees the previous file or the new one, never half.
 */
public final class ReportWriter {

    /** The run report, from which every other file can be rendered again. */
    public static final String JSON = "report.json";
    /** The checks as JUnit test cases. */
    public static final String JUNIT = "junit.xml";
    /** The self-contained page. */
    public static final String HTML = "report.html";
    /** The Markdown summary for CI job summaries. */
    public static final String MARKDOWN = "summary.md";

    private ReportWriter() {
    }

    /**
     * Writes {@code report.json}, {@code junit.xml}, {@code report.html} and {@code summary.md} into the
     * folder, creating it if needed.
     *
     * @return the files written, in that order
     */
    public static List<Path> writeAll(RunReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        // report.json first: it is the source of truth, and a run cut short after it can still be re-rendered.
        return List.of(
                write(dir.resolve(JSON), ReportJson.write(report)),
                write(dir.resolve(JUNIT), JUnitXmlReport.render(report)),
                write(dir.resolve(HTML), HtmlReport.render(report)),
                write(dir.resolve(MARKDOWN), MarkdownReport.render(report)));
    }

    /**
     * Reads {@code report.json} from the folder and writes the other reports again from it
     * ({@code faultline report DIR}); {@code report.json} itself is left as it was.
     *
     * @return the report that was read, for the caller's console summary and exit code
     * @throws ReportFormatException if {@code report.json} cannot be read as a report; the message names the file
     */
    public static RunReport rerender(Path dir) throws IOException {
        Path json = dir.resolve(JSON);
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            NoSuchFileException missing = new NoSuchFileException(json.toString(), null,
                    "no " + JSON + " here; faultline report needs a folder written by faultline run");
            missing.initCause(e);
            throw missing;
        }
        RunReport report;
        try {
            report = ReportJson.read(text);
        } catch (ReportFormatException e) {
            throw new ReportFormatException(json + ": " + e.getMessage(), e);
        }
        write(dir.resolve(JUNIT), JUnitXmlReport.render(report));
        write(dir.resolve(HTML), HtmlReport.render(report));
        write(dir.resolve(MARKDOWN), MarkdownReport.render(report));
        return report;
    }

    /**
     * Writes one file atomically: to a temporary file in the same folder (so the rename stays on one
     * file system), then renamed over the target. Falls back to a plain replacing move where the file
     * system cannot move atomically. The temporary file never outlives a failure.
     *
     * @return the file written
     */
    public static Path write(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // Not Files.createTempFile: its owner-only permissions would survive the rename, and a report
        // must be as readable as any other file the user creates there.
        Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
