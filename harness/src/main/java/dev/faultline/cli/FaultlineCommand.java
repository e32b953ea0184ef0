package dev.faultline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top-level command: only lists the subcommands. */
@Command(name = "faultline",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Fault-injection and chaos testing for HTTP clients and services.",
                "Starts fake upstreams, starts the target, plays the phases that inject faults, measures what the target did and judges the scenario's expectations."},
        footer = {"", "Exit codes: 0 every expectation held, 1 an expectation failed, 2 invalid scenario or usage, 3 the run could not be carried out, 4 inconclusive, 130 aborted. With several files each runs and the worst code wins (aborted, invalid, error, failed, inconclusive, held)."})
final class FaultlineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.INVALID;
    }
}
