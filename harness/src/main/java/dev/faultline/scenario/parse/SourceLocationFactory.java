package dev.faultline.scenario.parse;

import dev.faultline.scenario.SourceLocation;

import java.nio.file.Path;

/** Makes locations in one file, keeping line and column at least 1 whatever a parser reports. */
record SourceLocationFactory(Path file) {
    SourceLocation at(int line, int column) {
        return new SourceLocation(file, Math.max(1, line), Math.max(1, column));
    }

    SourceLocation start() {
        return at(1, 1);
    }
}
