package dev.faultline.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the real {@code faultline} CLI as its own JVM, from the test classpath, for signal tests. */
final class FaultlineProcess {
    private FaultlineProcess() {
    }

    static Process start(Path workingDir, Path output, String... args) throws IOException {
        return launch(List.of(), workingDir, output, args);
    }

    /**
     * Starts it with {@code ignored} signals ignored, the way a shell script's background job
     * ({@code faultline run ... &}) or {@code nohup} starts it: an ignored signal stays ignored across exec.
     */
    static Process startIgnoring(List<String> ignored, Path workingDir, Path output, String... args) throws IOException {
        return launch(ignored, workingDir, output, args);
    }

    private static Process launch(List<String> ignored, Path workingDir, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (!ignored.isEmpty()) {
            command.addAll(List.of("/bin/sh", "-c", "trap '' " + String.join(" ", ignored) + "; exec \"$@\"", "sh"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("NO_COLOR", "1");
        return builder.start();
    }
}
