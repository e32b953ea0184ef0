package dev.faultline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with captured output, the way a user would call it from {@code workingDir}. */
final class CliRunner {
    final HarnessContext context;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    CliRunner(Path workingDir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("NO_COLOR", "1");
        this.context = new HarnessContext(env, workingDir, false);
    }

    /** A runner whose command sees these variables added to the environment. */
    CliRunner(Path workingDir, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("NO_COLOR", "1");
        env.putAll(extraEnv);
        this.context = new HarnessContext(env, workingDir, false);
    }

    int run(String... args) {
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), context).execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
