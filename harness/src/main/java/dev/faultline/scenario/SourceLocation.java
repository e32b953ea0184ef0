package dev.faultline.scenario;

import java.nio.file.Path;

/**
 * Where something was written in a scenario file, for error messages.
 *
 * @param file   the scenario file
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourceLocation(Path file, int line, int column) {
    /** {@code FILE:LINE:COL}, the prefix of every message about a scenario. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
