package dev.faultline.cli;

import dev.faultline.report.TerminalText;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Builds the {@code faultline} command line: the commands, the exit-code mapping and the error
 * handlers. Commands print only through the writers given here, so tests run the CLI with
 * {@code StringWriter}s and assert what it printed and returned.
 */
public final class Cli {
    private Cli() {
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err, HarnessContext context) {
        CommandLine cli = new CommandLine(new FaultlineCommand());
        cli.addSubcommand("run", new RunCommand(context));
        cli.addSubcommand("validate", new ValidateCommand(context));
        cli.addSubcommand("report", new ReportCommand(context));
        cli.addSubcommand("serve", new ServeCommand(context));
        cli.setOut(out);
        // Progress on stderr quotes the target's output and the scenario's names; no escape of ours goes there.
        cli.setErr(TerminalText.lines(err));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine command = ex.getCommandLine();
            command.getErr().println("faultline: " + ex.getMessage());
            command.getErr().println("Run 'faultline " + commandName(command) + "--help' for usage.");
            return ExitCodes.INVALID;
        });
        cli.setExecutionExceptionHandler((ex, command, parseResult) -> {
            command.getErr().println("faultline: internal error: " + ex);
            StackTraceElement[] trace = ex.getStackTrace();
            if (trace.length > 0) {
                command.getErr().println("  at " + trace[0] + " (please report this)");
            }
            return ExitCodes.ERROR;
        });
        return cli;
    }

    private static String commandName(CommandLine command) {
        return command.getParent() == null ? "" : command.getCommandName() + " ";
    }
}
