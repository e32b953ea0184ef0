package dev.faultline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.cli.Cli;
import dev.faultline.cli.HarnessContext;
import dev.faultline.journal.Event;
import dev.faultline.journal.JournalJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code faultline} command line in-process, as a user would from {@code workingDir},
 * and reads what a run left in its report folder: {@code report.json} and {@code journal.jsonl}.
 * Shared by the acceptance tests of every feature that drive whole scenarios.
 */
public final class Faultline {
    /** The repository's root (tests run in the harness module's folder). */
    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private Faultline() {
    }

    /** What one command printed and returned. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + out + err;
        }
    }

    public static Result run(Path workingDir, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("NO_COLOR", "1");
        HarnessContext context = new HarnessContext(env, workingDir, false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), context).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Like {@link #run(Path, String...)}, with these variables added to the environment the command sees. */
    public static Result runWithEnv(Path workingDir, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("NO_COLOR", "1");
        env.putAll(extraEnv);
        HarnessContext context = new HarnessContext(env, workingDir, false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), context).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public static JsonNode report(Path reportDir) {
        try {
            return new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Event> journal(Path reportDir) {
        try {
            return JournalJson.read(reportDir.resolve("journal.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The check with this id in a report. */
    public static JsonNode check(JsonNode report, String id) {
        for (JsonNode check : report.get("expectations")) {
            if (check.get("id").asText().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + report.get("expectations"));
    }
}
