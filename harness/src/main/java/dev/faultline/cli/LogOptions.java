package dev.faultline.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Clock;

/** How the harness's own progress and warnings go to stderr: {@code --quiet}, {@code --log-format}. */
public final class LogOptions {
    /** The formats of {@code --log-format}. */
    public enum Format { text, json }

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr; warnings and errors still appear.")
    boolean quiet;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Progress and warnings on stderr as text, or as json: one object per line with time, level"
                    + " (info, warning, error), message and file (default: ${DEFAULT-VALUE}). Verdicts stay on stdout.")
    Format format = Format.text;

    /** The log over stderr. */
    ProgressLog open(PrintWriter err) {
        return new ProgressLog(err, format == Format.json, quiet, Clock.systemUTC());
    }
}
