package dev.faultline.cli;

import dev.faultline.report.ConsoleReport;
import dev.faultline.report.TerminalText;
import dev.faultline.report.ReportWriter;
import dev.faultline.report.Verdict;
import dev.faultline.run.RunOptions;
import dev.faultline.run.RunResult;
import dev.faultline.run.RuntimeSupport;
import dev.faultline.run.ScenarioRun;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code faultline run FILE|DIR...}: runs scenarios and exits with the worst verdict's code. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run scenarios and judge their expectations.",
                "Starts the fake upstreams and the target, plays the phases, judges the expectations from what was recorded and writes the reports. Progress goes to stderr, verdicts to stdout."})
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_REPORTS = "faultline-reports";

    private final HarnessContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleStyle style;

    @Mixin
    LogOptions logOptions;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Scenario files, or folders to search for *.yaml, *.yml, *.json.")
    List<Path> paths;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the reports go. One scenario: DIR itself. Several: DIR/<scenario name>/, and one combined junit.xml and summary.md in DIR."
                    + " Default: faultline-reports/<scenario name>/. Two scenarios whose names give one folder: the later gets <name>-2.")
    Path reportDir;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice, instead of the scenario's (replays a run).")
    Long seed;

    @Option(names = "--shard", paramLabel = "INDEX/COUNT",
            description = "Run only shard INDEX (0-based, like Kubernetes' JOB_COMPLETION_INDEX) of COUNT: a file belongs to the"
                    + " shard its path relative to its folder hashes to (SHA-256 mod COUNT), so it never moves when other files"
                    + " are added. Reports go to DIR/<scenario name>/ even for one file. An empty shard runs nothing and exits 0.")
    String shardText;

    RunCommand(HarnessContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressLog log = logOptions.open(err);
        Shard shard;
        try {
            shard = shardText == null ? null : Shard.parse(shardText);
        } catch (IllegalArgumentException e) {
            log.error("faultline: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        List<Path> files = shard == null ? ScenarioFiles.expand(context, paths) : ScenarioFiles.expand(context, paths, shard);
        if (files.isEmpty() && shard != null && !ScenarioFiles.expand(context, paths).isEmpty()) {
            log.error("faultline: shard " + shard + " has no scenario files (of " + ScenarioFiles.expand(context, paths).size()
                    + " in " + paths + "); nothing to run");
            return ExitCodes.HELD;
        }
        if (files.isEmpty()) {
            log.error("faultline: no scenario files (*.yaml, *.yml, *.json) in " + paths);
            return ExitCodes.INVALID;
        }
        ScenarioLoader loader = new ScenarioLoader();
        boolean color = style.color(context.env(), context.terminal());
        List<String> summary = new ArrayList<>();
        Map<Path, Path> folders = new HashMap<>();
        List<CombinedReports.Entry> reports = new ArrayList<>();
        int worst = ExitCodes.HELD;
        for (Path file : files) {
            log.file(file.toString());
            int code = runOne(loader, file, files.size() > 1 || shard != null, color, out, log, summary, folders, reports);
            log.file("");
            worst = ExitCodes.worst(worst, code);
            if (code == ExitCodes.ABORTED) {
                break;
            }
        }
        if (files.size() > 1) {
            out.println();
            out.println("faultline: " + files.size() + " scenario files");
            summary.forEach(line -> out.println("  " + TerminalText.line(line)));
            worst = ExitCodes.worst(worst, writeCombined(reports, out, log));
        }
        out.flush();
        return worst;
    }

    /** The combined junit.xml and summary.md of a run over several files, in the report root. */
    private int writeCombined(List<CombinedReports.Entry> reports, PrintWriter out, ProgressLog log) {
        if (reports.isEmpty()) {
            return ExitCodes.HELD;
        }
        Path root = reportRoot();
        try {
            CombinedReports.write(root, reports);
            out.println("combined: " + display(root.resolve(ReportWriter.JUNIT)) + ", "
                    + display(root.resolve(ReportWriter.MARKDOWN)));
            return ExitCodes.HELD;
        } catch (IOException | RuntimeException e) {
            log.error("faultline: could not write the combined reports into " + display(root) + ": " + e);
            return ExitCodes.ERROR;
        }
    }

    private int runOne(ScenarioLoader loader, Path file, boolean several, boolean color, PrintWriter out, ProgressLog log,
                       List<String> summary, Map<Path, Path> folders, List<CombinedReports.Entry> reports) {
        LoadOutcome result = ScenarioFiles.load(loader, context, file);
        if (result instanceof LoadOutcome.Invalid bad) {
            ScenarioFiles.errors(bad, context, file).forEach(log::error);
            summary.add(String.format(Locale.ROOT, "%-12s %s", "INVALID", file));
            return ExitCodes.INVALID;
        }
        Scenario scenario = ((LoadOutcome.Loaded) result).scenario();
        ScenarioFiles.notes((LoadOutcome.Loaded) result, context, file).forEach(log::warning);
        List<String> unsupported = RuntimeSupport.unsupported(scenario);
        if (!unsupported.isEmpty()) {
            String opened = ScenarioFiles.open(context, file).toString();
            unsupported.stream().map(line -> ScenarioFiles.relabel(line, opened, file)).forEach(log::error);
            summary.add(String.format(Locale.ROOT, "%-12s %s", "INVALID", file));
            return ExitCodes.INVALID;
        }
        Path dir = ownFolder(reportDirFor(scenario, several), file, folders, log);
        log.info("faultline: running \"" + scenario.name() + "\" (" + file + ")");
        RunResult run = ScenarioRun.execute(scenario, new RunOptions(dir, Optional.ofNullable(seed), context.newRun(),
                context.registry(), log.writer(), file.toString(), context.env()));
        CallIdNotice.warnings(scenario, run.events(), run.report().expectations()).forEach(log::warning);
        reports.add(new CombinedReports.Entry(run.report(), display(dir)));
        out.print(ConsoleReport.render(run.report(), display(dir), color));
        out.flush();
        Verdict verdict = run.report().verdict();
        summary.add(String.format(Locale.ROOT, "%-12s %s  (%s)", verdict.text().toUpperCase(Locale.ROOT), file, display(dir)));
        return run.exitCode();
    }

    /** Where the per-scenario folders of a run over several files go. */
    private Path reportRoot() {
        Path base = reportDir == null ? Path.of(DEFAULT_REPORTS) : reportDir;
        return base.isAbsolute() ? base : context.workingDir().resolve(base);
    }

    private Path reportDirFor(Scenario scenario, boolean several) {
        Path base = reportDir == null ? Path.of(DEFAULT_REPORTS) : reportDir;
        Path dir = reportDir != null && !several ? base : base.resolve(slug(scenario.name()));
        return dir.isAbsolute() ? dir : context.workingDir().resolve(dir);
    }

    /**
     * The folder itself, or, when an earlier file of this invocation already reports there (two
     * scenarios with names that give the same folder), the first free {@code FOLDER-2}, {@code -3}, ...
     * in the order the files run; said on stderr. Sharing would mix their files.
     */
    private Path ownFolder(Path dir, Path file, Map<Path, Path> folders, ProgressLog log) {
        Path own = dir;
        for (int n = 2; folders.containsKey(own); n++) {
            own = dir.resolveSibling(dir.getFileName() + "-" + n);
        }
        if (!own.equals(dir)) {
            log.warning("faultline: warning: " + file + " would report into " + display(dir) + " like " + folders.get(dir)
                    + " (their scenario names give the same folder); its reports go to " + display(own));
        }
        folders.put(own, file);
        return own;
    }

    private Path display(Path dir) {
        Path cwd = context.workingDir();
        return dir.startsWith(cwd) ? cwd.relativize(dir) : dir;
    }

    /** A folder name from a scenario name: lower case, letters and digits, words joined by '-'. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "scenario" : slug;
    }
}
