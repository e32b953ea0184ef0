package dev.faultline.cli;

import dev.faultline.report.TerminalText;
import picocli.AutoComplete;
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
        cli.addSubcommand("report", new CommandLine(new ReportCommand(context)).addSubcommand("merge", new ReportMergeCommand(context)));
        cli.addSubcommand("serve", new ServeCommand(context));
        cli.addSubcommand("judge", new JudgeCommand(context));
        cli.addSubcommand("init", new InitCommand(context));
        cli.addSubcommand("schema", new SchemaCommand());
        cli.addSubcommand("completion", completion());
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.setOut(out);
        // Progress on stderr quotes the target's output and the scenario's names; no escape of ours goes there.
        cli.setErr(TerminalText.lines(err));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine command = ex.getCommandLine();
            command.getErr().println("faultline: " + message(ex));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, command.getErr());
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

    /** picocli's bash/zsh completion script for every command and option, as {@code faultline completion}. */
    private static CommandLine completion() {
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(faultline completion)");
        return completion;
    }

    /** picocli's message, but an unknown command is named as one. */
    private static String message(CommandLine.ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && command.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command \"" + unmatched.getUnmatched().get(0) + "\" (expected one of: "
                    + String.join(", ", command.getSubcommands().keySet()) + ")";
        }
        return ex.getMessage();
    }

    private static String commandName(CommandLine command) {
        return command.getParent() == null ? "" : command.getCommandName() + " ";
    }
}
