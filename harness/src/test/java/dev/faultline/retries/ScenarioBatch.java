package dev.faultline.retries;

import dev.faultline.testing.Faultline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs timing scenarios through the real command line: one alone first, which warms the harness's JVM
 * (Jetty, the analysis), then the rest a few at a time. Cold and all at once, the harness's own JIT
 * pauses showed in the gaps it measured.
 */
final class ScenarioBatch {
    private ScenarioBatch() {
    }

    /**
     * @param dir       where each scenario file and its report folder (both named by its key) go
     * @param scenarios scenario texts by name, made when the scenario starts (an HTTP-date is relative to now)
     * @param warmUp    the name of the scenario run alone first
     * @param atOnce    how many of the rest run at a time
     * @return each scenario's result, by name
     */
    static Map<String, Faultline.Result> run(Path dir, Map<String, Supplier<String>> scenarios, String warmUp, int atOnce)
            throws Exception {
        Map<String, Faultline.Result> results = new LinkedHashMap<>();
        results.put(warmUp, run(dir, warmUp, scenarios.get(warmUp)));
        ExecutorService pool = Executors.newFixedThreadPool(atOnce);
        try {
            Map<String, Future<Faultline.Result>> runs = new LinkedHashMap<>();
            for (Map.Entry<String, Supplier<String>> s : scenarios.entrySet()) {
                if (!s.getKey().equals(warmUp)) {
                    runs.put(s.getKey(), pool.submit(() -> run(dir, s.getKey(), s.getValue())));
                }
            }
            for (Map.Entry<String, Future<Faultline.Result>> run : runs.entrySet()) {
                results.put(run.getKey(), run.getValue().get());
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private static Faultline.Result run(Path dir, String name, Supplier<String> text) {
        try {
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, text.get());
            return Faultline.run(dir, "run", file.toString(), "--report-dir", dir.resolve(name).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
