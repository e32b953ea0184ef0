package dev.faultline.cli;

import dev.faultline.report.TerminalText;
import dev.faultline.judge.Judge;
import dev.faultline.run.RuntimeSupport;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code faultline validate FILE|DIR...}: loads and checks scenario files without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check scenario files without running them.",
                "Reports every error of every file at once, as FILE:LINE:COL: key.path: what is wrong (what is expected). Exits 0 when every file is valid, 2 otherwise."})
final class ValidateCommand implements Callable<Integer> {
    private final HarnessContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Scenario files, or folders to search for *.yaml, *.yml, *.json.")
    List<Path> paths;

    ValidateCommand(HarnessContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = ScenarioFiles.expand(context, paths);
        if (files.isEmpty()) {
            spec.commandLine().getErr().println("faultline: no scenario files (*.yaml, *.yml, *.json) in " + paths);
            return ExitCodes.INVALID;
        }
        ScenarioLoader loader = new ScenarioLoader();
        int invalid = 0;
        for (Path file : files) {
            LoadOutcome result = ScenarioFiles.load(loader, context, file);
            if (result instanceof LoadOutcome.Invalid bad) {
                invalid++;
                ScenarioFiles.errors(bad, context, file).forEach(out::println);
            } else if (result instanceof LoadOutcome.Loaded loaded) {
                Scenario scenario = loaded.scenario();
                ScenarioFiles.notes(loaded, context, file).forEach(out::println);
                String opened = ScenarioFiles.open(context, file).toString();
                List<String> unsupported = RuntimeSupport.unsupported(scenario);
                unsupported.forEach(line -> out.println(TerminalText.line(ScenarioFiles.relabel(line, opened, file))));
                out.println((unsupported.isEmpty() ? "ok " : "ok (valid; this version cannot run all of it) ")
                        + TerminalText.line(file + ": " + scenario.name()) + " (" + count(scenario.phases().size(), "phase") + ", "
                        + count(checks(scenario), "check") + ")");
            }
        }
        if (files.size() > 1) {
            out.println((files.size() - invalid) + " of " + files.size() + " files valid");
        }
        out.flush();
        return invalid == 0 ? ExitCodes.HELD : ExitCodes.INVALID;
    }

    /**
     * The checks a run would judge, counted the way the run counts them: the judges give one result per
     * check whatever the journal holds, so judging an empty journal lists them all.
     */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static int checks(Scenario scenario) {
        return Judge.all(scenario, List.of()).size();
    }
}
