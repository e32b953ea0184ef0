package dev.faultline.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a target's program the way {@code execvp(3)} will, before the replica starts, so a command
 * that cannot be executed is an error naming it rather than a replica that "ran" and exited 127.
 *
 * <p>Targets start as {@code setsid env --default-signal COMMAND...}: the JVM sees {@code setsid}
 * start fine, and when the final exec fails, {@code env} prints its complaint into the replica's
 * stderr log and exits 127 (not found) or 126 (not executable), which for a client target without a
 * ready check looked like a quick, successful run. The lookup here follows execvp: a name with a
 * slash is taken relative to the working directory, any other name is searched on the target's
 * {@code PATH} (its {@code env} overrides the harness's); the file must be a regular file the
 * harness may execute, and a {@code #!} script's interpreter must exist too. What it cannot see (a
 * binary for another machine, a missing shared library) still shows as the exit code 126 or 127,
 * which {@link TargetReplica#execFailure()} reports.
 */
final class CommandCheck {
    /** execvp's search path when PATH is unset (glibc). */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private CommandCheck() {
    }

    /** @throws TargetStartException naming the command and what is wrong with it */
    static void requireExecutable(LaunchSpec launch, Map<String, String> inherited) throws TargetStartException {
        String program = launch.argv().get(0);
        String path = launch.env().getOrDefault("PATH", inherited.getOrDefault("PATH", DEFAULT_PATH));
        Optional<String> problem = problem(program, launch.workdir(), path);
        if (problem.isPresent()) {
            throw new TargetStartException("target replica " + launch.replica() + " could not be started ("
                    + launch.commandLine() + "): " + problem.get(), List.of());
        }
    }

    /** What keeps {@code program} from being executed, or empty when execvp will find and run it. */
    static Optional<String> problem(String program, Path workdir, String searchPath) {
        if (program.isEmpty()) {
            return Optional.of("the command is empty");
        }
        if (program.contains("/")) {
            return problemWith(program, workdir.resolve(program).normalize());
        }
        for (String dir : searchPath.split(":", -1)) {
            Path candidate = workdir.resolve(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return problemWith(program, candidate);
            }
        }
        return Optional.of(program + ": command not found on PATH (" + searchPath + ")");
    }

    private static Optional<String> problemWith(String program, Path file) {
        if (!Files.exists(file)) {
            return Optional.of(file + ": No such file or directory");
        }
        if (Files.isDirectory(file)) {
            return Optional.of(file + ": Is a directory");
        }
        if (!Files.isExecutable(file)) {
            return Optional.of(file + ": Permission denied (not executable; chmod +x it, or run it through its interpreter)");
        }
        return interpreter(file).filter(interpreter -> !Files.isExecutable(Path.of(interpreter)))
                .map(interpreter -> file + ": its interpreter " + interpreter + " (from its #! line): No such file or directory");
    }

    /** The absolute interpreter a {@code #!} line names, if the file starts with one. */
    private static Optional<String> interpreter(Path file) {
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return Optional.empty();
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("#!")) {
            return Optional.empty();
        }
        String line = text.substring(2).split("\n", 2)[0].strip();
        String first = line.split("[ \t]", 2)[0];
        return first.startsWith("/") ? Optional.of(first) : Optional.empty();
    }
}
