package dev.faultline.cli;

import dev.faultline.report.TerminalText;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;

import java.nio.file.Path;
import java.util.List;

/** Command-line paths to scenario files: relative paths are taken from the working directory. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * The files named, folders expanded, as the user would write them (relative stays relative) so that
     * messages name them the way the user did.
     */
    static List<Path> expand(HarnessContext context, List<Path> given) {
        List<Path> resolved = given.stream().map(p -> p.isAbsolute() ? p : context.workingDir().resolve(p)).toList();
        return ScenarioLoader.expand(resolved).stream().map(p -> display(context, p)).toList();
    }

    /** The files of one shard of the paths given ({@link Shard}), named as {@link #expand} names them. */
    static List<Path> expand(HarnessContext context, List<Path> given, Shard shard) {
        return shard.select(given, context.workingDir()).stream().map(p -> display(context, p)).toList();
    }

    private static Path display(HarnessContext context, Path path) {
        Path cwd = context.workingDir();
        return path.startsWith(cwd) ? cwd.relativize(path) : path;
    }

    /**
     * Loads a file named as the user wrote it. The loader names the file the way it was opened
     * (resolved against the working directory); error messages name it the way the user did.
     */
    static LoadOutcome load(ScenarioLoader loader, HarnessContext context, Path display) {
        return loader.load(open(context, display));
    }

    /** The errors of an invalid file, each naming the file the way the user wrote it. */
    static List<String> errors(LoadOutcome.Invalid invalid, HarnessContext context, Path display) {
        String opened = open(context, display).toString();
        return invalid.errors().stream().map(e -> TerminalText.line(relabel(e.toString(), opened, display))).toList();
    }

    /** The notes of a valid file (old spellings), one line each, naming the file the way the user wrote it. */
    static List<String> notes(LoadOutcome.Loaded loaded, HarnessContext context, Path display) {
        String opened = open(context, display).toString();
        return loaded.notes().stream().map(e -> TerminalText.line(relabel(e.toString(), opened, display))).toList();
    }

    /** A message about a scenario, naming the file the way the user wrote it. */
    static String relabel(String message, String opened, Path display) {
        return message.startsWith(opened) ? display + message.substring(opened.length()) : message;
    }

    /** The path to open: relative paths resolved against the working directory. */
    static Path open(HarnessContext context, Path display) {
        return display.isAbsolute() ? display : context.workingDir().resolve(display);
    }
}
