package dev.faultline.cli;

import dev.faultline.analysis.DelayLateness;
import dev.faultline.analysis.JournalMerge;
import dev.faultline.judge.Judge;
import dev.faultline.journal.Event;
import dev.faultline.report.ConsoleReport;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.ReportWriter;
import dev.faultline.report.RunReport;
import dev.faultline.report.Verdict;
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
import java.util.List;
import java.util.stream.Collectors;

/** {@code faultline judge SCENARIO --journal URL_OR_FILE...}: judges a scenario's expectations from journals. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = {"Judge a scenario's expectations from one or more journals.",
                "Each journal is a journal.jsonl file (written by faultline run, or serve --journal) or the URL of a running"
                        + " serve's control API (http://HOST:PORT, read page by page). Several journals, e.g. one per serve pod"
                        + " behind a Service, are merged on one run clock aligned on their phase starts, each event tagged with"
                        + " its source, and judged as one. Exits with the verdict's code."})
final class JudgeCommand implements java.util.concurrent.Callable<Integer> {
    private final HarnessContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleStyle style;

    @Parameters(paramLabel = "SCENARIO", description = "The scenario file (its phases and expectations).")
    Path file;

    @Option(names = "--journal", required = true, arity = "1..*", paramLabel = "URL_OR_FILE",
            description = "A journal.jsonl file, or a serve's control API URL (http://HOST:PORT). Repeat or list several.")
    List<String> journals;

    @Option(names = "--control-token", paramLabel = "TOKEN",
            description = "Bearer token for the control APIs (also FAULTLINE_CONTROL_TOKEN).")
    String token;

    @Option(names = "--merged-journal", paramLabel = "FILE",
            description = "Also write the merged journal as JSON lines, each event with \"pod\": its source.")
    Path mergedOut;

    JudgeCommand(HarnessContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadOutcome loaded = ScenarioFiles.load(new ScenarioLoader(), context, file);
        if (loaded instanceof LoadOutcome.Invalid bad) {
            ScenarioFiles.errors(bad, context, file).forEach(err::println);
            return ExitCodes.INVALID;
        }
        Scenario scenario = ((LoadOutcome.Loaded) loaded).scenario();
        String bearer = token != null ? token : context.env().get("FAULTLINE_CONTROL_TOKEN");
        List<JournalMerge.Source> sources = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (String source : journals) {
            JournalSources.Read read;
            try {
                read = JournalSources.read(source, context.workingDir(), bearer);
            } catch (IOException e) {
                err.println("faultline: " + e.getMessage());
                return ExitCodes.ERROR;
            }
            sources.add(new JournalMerge.Source(source, read.events()));
            if (read.evicted() > 0) {
                lost.add(source + " had evicted " + read.evicted() + " events");
            }
            err.println("faultline: " + source + ": " + read.events().size() + " events");
        }
        List<JournalMerge.Tagged> merged;
        try {
            merged = JournalMerge.merge(sources);
        } catch (IllegalArgumentException e) {
            err.println("faultline: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        if (mergedOut != null) {
            try {
                ReportWriter.write(context.workingDir().resolve(mergedOut),
                        merged.stream().map(t -> t.line() + "\n").collect(Collectors.joining()));
            } catch (IOException e) {
                err.println("faultline: cannot write " + mergedOut + ": " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
        List<Event> events = JournalMerge.events(merged);
        List<ExpectationResult> results = Judge.all(scenario, events);
        Verdict verdict = Judge.verdict(results);
        String message = "";
        DelayLateness lateness = DelayLateness.of(events);
        if (lateness.lagged() && (verdict == Verdict.HELD || verdict == Verdict.FAILED)) {
            verdict = Verdict.INCONCLUSIVE;
            message = lateness.explanation();
        } else if (!lost.isEmpty() && verdict == Verdict.HELD) {
            // A journal that lost its oldest events may have lost what would have failed a check.
            verdict = Verdict.INCONCLUSIVE;
            message = "the journals are incomplete, so a pass cannot be given: " + String.join("; ", lost)
                    + " (read them more often, or raise --journal-max-bytes)";
        }
        long span = events.stream().mapToLong(Event::atNanos).max().orElse(0);
        RunReport report = new RunReport(RunReport.FORMAT_VERSION, scenario.name(), file.toString(), "",
                scenario.seed().orElse(0L), verdict, verdict.exitCode(), "", span / 1e9, message,
                null, results, null, null, null, null, null);
        out.print(ConsoleReport.render(report, null, style.color(context.env(), context.terminal())));
        out.flush();
        return verdict.exitCode();
    }
}
