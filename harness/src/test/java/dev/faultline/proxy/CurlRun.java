package dev.faultline.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real curl, bounded in time: its exit code, what it wrote to stdout and stderr, and
 * how long it took.
 */
public record CurlRun(int exit, String out, String err, long millis) {

    public static CurlRun of(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-m", "20"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("faultline-curl-", ".out");
        Path err = Files.createTempFile("faultline-curl-", ".err");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("curl did not end within 30 s: " + command);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new CurlRun(process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1), millis);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
