package dev.faultline.target;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives every target the default handling of every signal, whatever the harness inherited.
 *
 * <p>A process started in the background by a non-interactive shell ({@code faultline run ... &} in a
 * script, {@code nohup}) has SIGINT and SIGQUIT (and under {@code nohup} SIGHUP) <em>ignored</em>, and
 * an ignored signal stays ignored across {@code exec}: the harness's JVM, and through it every target,
 * would start deaf to {@code signal: INT} or {@code QUIT}, and a shell target could not even trap
 * them (POSIX: signals ignored on entry to a non-interactive shell cannot be trapped). So targets are
 * started through {@code env --default-signal} (GNU coreutils 8.31 and later), which resets them
 * before it execs the command; the pid stays the same. Where {@code env} lacks the option the
 * targets start as before, and inherit what the harness inherited.
 */
final class SignalDefaults {
    private SignalDefaults() {
    }

    /** The words to put before a target's command: {@code env --default-signal}, or nothing. */
    static List<String> prefix() {
        return Holder.PREFIX;
    }

    private static final class Holder {
        static final List<String> PREFIX = probe();

        private static List<String> probe() {
            List<String> prefix = List.of("env", "--default-signal");
            try {
                Process check = new ProcessBuilder(prefix.get(0), prefix.get(1), "true")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (check.waitFor(5, TimeUnit.SECONDS) && check.exitValue() == 0) {
                    return prefix;
                }
                check.destroyForcibly();
            } catch (IOException e) {
                // No env(1) on the path: start targets without it.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
    }
}
