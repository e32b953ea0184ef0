package dev.faultline.junit5;

import dev.faultline.run.ProcessRegistry;
import dev.faultline.run.RunControl;
import dev.faultline.run.RunOptions;
import dev.faultline.run.RunResult;
import dev.faultline.run.RuntimeSupport;
import dev.faultline.run.ScenarioRun;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link Faultline#run(Path)}: the command line's run path ({@code ScenarioRun}), without the command line. */
final class ScenarioRunner {
    static final Path REPORTS = Path.of("target", "faultline-reports");

    private ScenarioRunner() {
    }

    static FaultlineReport run(Path file, Optional<Long> seed) {
        LoadOutcome outcome = new ScenarioLoader().load(file);
        if (outcome instanceof LoadOutcome.Invalid invalid) {
            throw new IllegalArgumentException(file + " is not a valid scenario:\n"
                    + invalid.errors().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        Scenario scenario = ((LoadOutcome.Loaded) outcome).scenario();
        List<String> unsupported = RuntimeSupport.unsupported(scenario);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException(file + " uses what this version cannot run:\n" + String.join("\n", unsupported));
        }
        Path dir;
        try {
            // one folder per run, so parallel tests running the same file do not write into each other's
            Files.createDirectories(REPORTS);
            dir = Files.createTempDirectory(REPORTS, slug(scenario.name()) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a report folder under " + REPORTS.toAbsolutePath(), e);
        }
        // progress goes to stderr, as the command line's does; not closed: it is the JVM's stderr
        PrintWriter progress = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        ProcessRegistry registry = new ProcessRegistry();
        try {
            RunResult result = ScenarioRun.execute(scenario, new RunOptions(dir.toAbsolutePath(), seed, new RunControl(), registry,
                    progress, file.toString()));
            return new FaultlineReport(result.report(), result.reportDir());
        } finally {
            // a run stops its target itself; this is the backstop for a test interrupted mid-run
            registry.killAll();
        }
    }

    private static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "scenario" : slug;
    }
}
