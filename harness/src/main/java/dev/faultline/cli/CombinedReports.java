package dev.faultline.cli;

import dev.faultline.report.JUnitXmlReport;
import dev.faultline.report.MarkdownReport;
import dev.faultline.report.ReportWriter;
import dev.faultline.report.RunReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One {@code junit.xml} and one {@code summary.md} for a run over several files, written next to the
 * per-scenario folders: CI systems read one test-report path, and a job summary is one file.
 */
final class CombinedReports {
    /** A scenario's report and the folder (as shown to the user) its own reports are in. */
    record Entry(RunReport report, Path folder) {
    }

    private CombinedReports() {
    }

    /** Writes {@code junit.xml} and {@code summary.md} into {@code root}; returns the files written. */
    static List<Path> write(Path root, List<Entry> entries) throws IOException {
        Files.createDirectories(root);
        List<RunReport> reports = entries.stream().map(Entry::report).toList();
        return List.of(
                ReportWriter.write(root.resolve(ReportWriter.JUNIT), JUnitXmlReport.render(reports)),
                ReportWriter.write(root.resolve(ReportWriter.MARKDOWN), markdown(entries)));
    }

    /** A table of the scenarios, then each scenario's own summary one heading level down. */
    static String markdown(List<Entry> entries) {
        StringBuilder out = new StringBuilder("# faultline: " + entries.size() + " scenarios\n\n");
        out.append("| Verdict | Scenario | File | Report |\n|:--|:--|:--|:--|\n");
        for (Entry e : entries) {
            RunReport r = e.report();
            out.append("| ").append(r.verdict().text().toUpperCase(Locale.ROOT))
                    .append(" | ").append(cell(r.scenario()))
                    .append(" | `").append(cell(r.file())).append('`')
                    .append(" | `").append(cell(e.folder().toString())).append("` |\n");
        }
        for (Entry e : entries) {
            out.append('\n');
            MarkdownReport.render(e.report()).lines()
                    .map(line -> line.startsWith("#") ? "#" + line : line)
                    .forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
