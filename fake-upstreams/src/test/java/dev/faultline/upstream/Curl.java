package dev.faultline.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code curl} binary run once: its exit code, what it printed (stdout and stderr together) and
 * how long it took. Always silent with errors shown, and never longer than 10 s unless told.
 */
record Curl(int exitCode, String out, long elapsedNanos) {

    static Curl run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "10"));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("curl finished").isTrue();
        return new Curl(process.exitValue(), out, System.nanoTime() - start);
    }
}
