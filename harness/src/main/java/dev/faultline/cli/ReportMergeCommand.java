package dev.faultline.cli;

import dev.faultline.report.ReportIndex;
import dev.faultline.report.ReportFormatException;
import dev.faultline.report.ReportJson;
import dev.faultline.report.ReportWriter;
import dev.faultline.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code faultline report merge DIR... --out DIR}: several report folders (e.g. one per shard) as one. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge report folders into one junit.xml, summary.md and index.html.",
                "Each DIR is a report folder (it holds report.json) or a folder with report folders under it (a --report-dir"
                        + " of faultline run, e.g. one per shard). Writes OUT/junit.xml (one testsuite per scenario),"
                        + " OUT/summary.md and OUT/index.html (linking each scenario's report.html) and exits with the worst"
                        + " verdict's code, as faultline run does."})
final class ReportMergeCommand implements Callable<Integer> {
    private final HarnessContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Report folders, or folders holding report folders.")
    List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged reports go (created if needed).")
    Path out;

    ReportMergeCommand(HarnessContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path outDir = context.workingDir().resolve(out).normalize();
        Set<Path> folders = new LinkedHashSet<>();
        for (Path dir : dirs) {
            Path given = context.workingDir().resolve(dir).normalize();
            if (!Files.isDirectory(given)) {
                err.println("faultline: " + dir + " is not a folder (give report folders, or the --report-dir of faultline run)");
                return ExitCodes.INVALID;
            }
            List<Path> found = reportFolders(given, outDir);
            if (found.isEmpty()) {
                err.println("faultline: " + dir + " holds no " + ReportWriter.JSON
                        + " (give the folders faultline run wrote, e.g. faultline-reports/ or faultline-reports/<scenario>)");
                return ExitCodes.INVALID;
            }
            folders.addAll(found);
        }
        List<ReportIndex.Entry> entries = new ArrayList<>();
        int worst = ExitCodes.HELD;
        for (Path folder : folders) {
            Path json = folder.resolve(ReportWriter.JSON);
            RunReport report;
            try {
                report = ReportJson.read(Files.readString(json, StandardCharsets.UTF_8));
            } catch (ReportFormatException e) {
                err.println("faultline: " + display(json) + ": " + e.getMessage());
                return ExitCodes.INVALID;
            } catch (IOException e) {
                err.println("faultline: cannot read " + display(json) + ": " + e.getMessage());
                return ExitCodes.ERROR;
            }
            entries.add(new ReportIndex.Entry(report, link(outDir, folder)));
            worst = ExitCodes.worst(worst, report.exitCode());
        }
        // By name, so the result does not depend on which shard ran which scenario.
        entries.sort(java.util.Comparator.comparing((ReportIndex.Entry e) -> e.report().scenario()).thenComparing(ReportIndex.Entry::link));
        try {
            CombinedReports.write(outDir, entries.stream().map(e -> new CombinedReports.Entry(e.report(), Path.of(e.link()))).toList());
            ReportWriter.write(outDir.resolve(ReportIndex.FILE), ReportIndex.render(entries));
        } catch (IOException e) {
            err.println("faultline: cannot write the merged reports to " + out + ": " + e.getMessage());
            return ExitCodes.ERROR;
        }
        for (ReportIndex.Entry e : entries) {
            stdout.println(String.format(Locale.ROOT, "  %-12s %s  (%s)", e.report().verdict().text().toUpperCase(Locale.ROOT),
                    e.report().scenario(), e.link()));
        }
        stdout.println("faultline: merged " + entries.size() + " reports into " + out + " (junit.xml, summary.md, "
                + ReportIndex.FILE + ")");
        stdout.flush();
        return worst;
    }

    /** The folder itself if it holds report.json, else every folder under it that does (not the output's own). */
    private static List<Path> reportFolders(Path dir, Path outDir) {
        if (Files.isRegularFile(dir.resolve(ReportWriter.JSON))) {
            return List.of(dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(ReportWriter.JSON) && Files.isRegularFile(p))
                    .map(Path::getParent)
                    .filter(p -> !p.equals(outDir))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder as a relative link from the output folder: names joined by '/', as HTML and Markdown want. */
    private static String link(Path from, Path to) {
        List<String> names = new ArrayList<>();
        from.relativize(to).forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }

    private Path display(Path path) {
        Path cwd = context.workingDir();
        return path.startsWith(cwd) ? cwd.relativize(path) : path;
    }
}
