package dev.faultline.scenario.parse;

import dev.faultline.report.TerminalText;
import dev.faultline.scenario.SourceLocation;

import java.util.Objects;

/**
 * One thing wrong with a scenario file: where, at which key path, what is wrong and what would be
 * right. {@link #toString()} is the line printed for the author:
 * {@code FILE:LINE:COL: key.path: what is wrong (what is expected)}.
 *
 * @param location where it was written (the file as the caller named it)
 * @param path     the key path, such as {@code phases[1].faults.payments[0].probability}; empty for
 *                 problems of the whole file
 * @param message  what is wrong, then in parentheses what is expected
 */
public record ScenarioError(SourceLocation location, String path, String message) {
    public ScenarioError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** The line, with any control character of the file's keys or values escaped so that a terminal shows it. */
    @Override
    public String toString() {
        return TerminalText.line(path.isEmpty() ? location + ": " + message : location + ": " + path + ": " + message);
    }
}
