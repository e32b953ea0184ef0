package dev.faultline.cli;

import dev.faultline.scenario.load.ScenarioLoader;

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

    private static Path display(HarnessContext context, Path path) {
        Path cwd = context.workingDir();
        return path.startsWith(cwd) ? cwd.relativize(path) : path;
    }

    /** The path to open: relative paths resolved against the working directory. */
    static Path open(HarnessContext context, Path display) {
        return display.isAbsolute() ? display : context.workingDir().resolve(display);
    }
}
