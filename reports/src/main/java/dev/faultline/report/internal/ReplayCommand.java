package dev.faultline.report.internal;

import dev.faultline.report.RunReport;

import java.util.regex.Pattern;

/** The command line that replays a run with the same seed. */
public final class ReplayCommand {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private ReplayCommand() {
    }

    /** {@code faultline run scenarios/outage.yaml --seed 7}, the file quoted for a POSIX shell if it needs it. */
    public static String of(RunReport report) {
        String file = report.file().isBlank() ? "FILE" : report.file();
        return "faultline run " + shellQuote(file) + " --seed " + report.seed();
    }

    static String shellQuote(String word) {
        if (SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
