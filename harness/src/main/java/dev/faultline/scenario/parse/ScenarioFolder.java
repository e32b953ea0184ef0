package dev.faultline.scenario.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves paths written in a scenario against its folder and keeps them inside it, after resolving
 * {@code ..} and symlinks: a scenario from a shared repository must not read or run from elsewhere.
 */
final class ScenarioFolder {
    private ScenarioFolder() {
    }

    /** What a path must be for its key. */
    enum Kind {
        FILE("a file"), FOLDER("a folder");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    /**
     * The real path of {@code written} inside {@code dir}, or empty after reporting why not.
     *
     * @param key the key it was written under, for messages ({@code body-file}, {@code workdir})
     */
    static Optional<Path> resolve(String written, Kind kind, String key, Node node, KeyPath path, BindContext context) {
        Path dir = context.scenarioDir();
        Path candidate;
        try {
            candidate = dir.resolve(written).normalize();
        } catch (InvalidPathException e) {
            report(node, path, context, Messages.quote(written) + " is not a valid path (" + e.getReason() + ")");
            return Optional.empty();
        }
        String inside = "(" + key + " must stay inside the scenario folder " + dir + ")";
        if (!candidate.startsWith(dir)) {
            report(node, path, context, Messages.quote(written) + " leaves the scenario folder " + inside);
            return Optional.empty();
        }
        if (!Files.exists(candidate)) {
            report(node, path, context, Messages.quote(written) + " does not exist (expected " + kind.noun + " at "
                    + candidate + ")");
            return Optional.empty();
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            report(node, path, context, Messages.quote(written) + " cannot be read: " + e + " (expected " + kind.noun
                    + " inside " + dir + ")");
            return Optional.empty();
        }
        if (!real.startsWith(dir)) {
            report(node, path, context, Messages.quote(written) + " leads through a symlink to " + real + ", outside the"
                    + " scenario folder " + inside);
            return Optional.empty();
        }
        boolean folder = Files.isDirectory(real);
        if (kind == Kind.FILE && !folder && !Files.isRegularFile(real)) {
            report(node, path, context, Messages.quote(written) + " is " + RegularFiles.kind(real) + ", not a regular file"
                    + " (expected a file inside " + dir + ")");
            return Optional.empty();
        }
        if (kind == Kind.FOLDER && !folder || kind == Kind.FILE && folder) {
            report(node, path, context, Messages.quote(written) + " is not " + kind.noun + " (expected " + kind.noun
                    + " inside " + dir + ")");
            return Optional.empty();
        }
        return Optional.of(real);
    }

    private static void report(Node node, KeyPath path, BindContext context, String message) {
        context.problems().add(node.location(), path, message);
    }
}
