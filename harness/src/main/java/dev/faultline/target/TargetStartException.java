package dev.faultline.target;

import java.util.List;

/**
 * A target replica could not be started or did not become ready in time: the run cannot be carried
 * out (exit code 3). The message says what happened; {@link #lastOutput()} holds the target's last
 * lines so the user sees why without opening the logs.
 */
public final class TargetStartException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> lastOutput;

    public TargetStartException(String message, List<String> lastOutput) {
        super(message);
        this.lastOutput = List.copyOf(lastOutput);
    }

    public TargetStartException(String message, Throwable cause) {
        super(message, cause);
        this.lastOutput = List.of();
    }

    /** The target's last lines of output (stdout then stderr), possibly empty. */
    public List<String> lastOutput() {
        return lastOutput;
    }

    /** The message followed by the last output, indented, for the console and the report. */
    public String describe() {
        if (lastOutput.isEmpty()) {
            return getMessage();
        }
        StringBuilder text = new StringBuilder(getMessage()).append("; its last output:");
        for (String line : lastOutput) {
            text.append("\n    ").append(line);
        }
        return text.toString();
    }
}
