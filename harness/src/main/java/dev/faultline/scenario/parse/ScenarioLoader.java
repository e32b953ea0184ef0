package dev.faultline.scenario.parse;

import dev.faultline.scenario.Scenario;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Loads scenario files: reads YAML or JSON, checks every key against the v1 format, and returns the
 * immutable {@link Scenario}, or every error in the file at once, each with file, line, column, key
 * path, what is wrong and what would be right.
 */
public final class ScenarioLoader {
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");
    private static final String SCHEMA_FOLDER = "schema";

    /** A loader; it holds no state, so one instance may load many files, from many threads. */
    public ScenarioLoader() {
    }

    /**
     * Loads one scenario file.
     *
     * @param file the file, as the user named it; error messages name it the same way
     * @return {@link LoadOutcome.Loaded}, or {@link LoadOutcome.Invalid} with every error sorted by line
     *         and column (a file that does not exist, is a folder, or is not text is one error at 1:1)
     */
    public LoadOutcome load(Path file) {
        Problems problems = new Problems();
        SourceLocationFactory locations = new SourceLocationFactory(file);
        Optional<String> text = SourceText.read(file, problems);
        if (text.isEmpty()) {
            return new LoadOutcome.Invalid(file, problems.sorted());
        }
        Optional<Node> root = TreeReader.read(text.get(), isJson(file), locations, problems);
        if (root.isEmpty() || root.get() instanceof Node.Scalar scalar && scalar.isNull()) {
            if (problems.isEmpty()) {
                problems.add(locations.start(), KeyPath.ROOT, "file is empty (expected "
                        + ScenarioBinder.EXPECTED_SCENARIO + ")");
            }
            return new LoadOutcome.Invalid(file, problems.sorted());
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path folder;
        try {
            folder = absolute.getParent().toRealPath();
        } catch (IOException e) {
            problems.add(locations.start(), KeyPath.ROOT, "its folder cannot be resolved: " + e
                    + " (expected a readable folder)");
            return new LoadOutcome.Invalid(file, problems.sorted());
        }
        Optional<Scenario> scenario = new ScenarioBinder(BindContext.of(locations, folder, problems))
                .bind(root.get(), absolute);
        if (!problems.isEmpty() || scenario.isEmpty()) {
            return new LoadOutcome.Invalid(file, problems.sorted());
        }
        return new LoadOutcome.Loaded(scenario.get(), problems.notes());
    }

    /**
     * The scenario files named by command-line arguments, in argument order, each once. A folder
     * expands to its {@code .yaml}, {@code .yml} and {@code .json} files at any depth, sorted by path,
     * leaving out everything under a folder named {@code schema}. A file, or a path that does not
     * exist, is kept as given so that {@link #load} reports it. A subfolder that cannot be read is
     * kept too, so that loading it reports why.
     */
    public static List<Path> expand(List<Path> filesOrDirs) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : filesOrDirs) {
            if (Files.isDirectory(path)) {
                files.addAll(scenarioFilesUnder(path));
            } else {
                files.add(path);
            }
        }
        return List.copyOf(files);
    }

    private static List<Path> scenarioFilesUnder(Path root) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean schema = !dir.equals(root) && dir.getFileName().toString().equals(SCHEMA_FOLDER);
                    return schema ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isDirectory() && hasScenarioExtension(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // The visitor handles every per-file failure; an error here means the root itself failed.
            found.add(root);
        }
        found.sort(null);
        return found;
    }

    private static boolean hasScenarioExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static boolean isJson(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }
}
