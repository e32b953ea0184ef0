package dev.faultline.scenario.parse;

import dev.faultline.scenario.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Writes scenario files into a test's folder and loads them. */
final class ScenarioFiles {
    /** The shortest valid timeline, for tests about other keys. */
    static final String ONE_PHASE = """
            phases:
              - {name: steady, duration: 10s}
            """;

    private final Path dir;

    ScenarioFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path write(String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(String name, byte[] bytes) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code scenario.yaml} with this text and requires it to be valid. */
    Scenario loaded(String yaml) {
        return loaded(write("scenario.yaml", yaml));
    }

    static Scenario loaded(Path file) {
        LoadOutcome result = new ScenarioLoader().load(file);
        if (result instanceof LoadOutcome.Invalid invalid) {
            fail("expected %s to load, but: %s", file, invalid.errors());
        }
        return ((LoadOutcome.Loaded) result).scenario();
    }

    /** Loads {@code scenario.yaml} with this text; its errors as {@code LINE:COL: path: message}. */
    List<String> errors(String yaml) {
        return errors(write("scenario.yaml", yaml));
    }

    /** The errors of a file as {@code LINE:COL: path: message}, the file name left out. */
    static List<String> errors(Path file) {
        LoadOutcome result = new ScenarioLoader().load(file);
        assertThat(result).as("result of loading %s", file).isInstanceOf(LoadOutcome.Invalid.class);
        LoadOutcome.Invalid invalid = (LoadOutcome.Invalid) result;
        assertThat(invalid.file()).isEqualTo(file);
        return invalid.errors().stream().map(e -> {
            String line = e.toString();
            assertThat(line).startsWith(file + ":");
            return line.substring(file.toString().length() + 1);
        }).toList();
    }
}
