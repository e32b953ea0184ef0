package dev.faultline.cli;

import dev.faultline.report.ConsoleReport;
import dev.faultline.report.ReportFormatException;
import dev.faultline.report.ReportWriter;
import dev.faultline.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code faultline report DIR}: re-renders a report folder from its {@code report.json}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render a report folder from its report.json.",
                "Rewrites junit.xml, report.html and summary.md from DIR/report.json, prints the verdict and exits with the code the run ended with.",
                "faultline report merge DIR... --out DIR combines several report folders (e.g. the shards of a suite) into one."})
final class ReportCommand implements Callable<Integer> {
    private final HarnessContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleStyle style;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "A report folder (it holds report.json).")
    Path dir;

    ReportCommand(HarnessContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (dir == null) {
            spec.commandLine().getErr().println("faultline: give a report folder (faultline report DIR), or merge several"
                    + " (faultline report merge DIR... --out DIR)");
            return ExitCodes.INVALID;
        }
        Path folder = context.workingDir().resolve(dir);
        if (!Files.isRegularFile(folder.resolve(ReportWriter.JSON))) {
            spec.commandLine().getErr().println("faultline: " + dir + " holds no " + ReportWriter.JSON
                    + " (give the folder a run wrote, e.g. faultline-reports/<scenario>)");
            return ExitCodes.INVALID;
        }
        try {
            RunReport report = ReportWriter.rerender(folder);
            spec.commandLine().getOut().print(ConsoleReport.render(report, dir, style.color(context.env(), context.terminal())));
            spec.commandLine().getOut().flush();
            return report.exitCode();
        } catch (ReportFormatException e) {
            spec.commandLine().getErr().println("faultline: " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("faultline: " + e.getFile() + " does not exist");
            return ExitCodes.INVALID;
        } catch (IOException e) {
            spec.commandLine().getErr().println("faultline: cannot re-render " + dir + ": " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }
}
