package dev.faultline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code faultline init [NAME]}: writes a commented starter scenario that validates and runs as written. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Write a commented starter scenario: NAME.yaml (default: scenario.yaml).",
                "It has a fake upstream, a sample service as the target (Python 3), load, an outage phase and one"
                        + " retry check, and runs as written: faultline run NAME.yaml exits 0. Never overwrites a file (exit 2)."})
final class InitCommand implements Callable<Integer> {
    static final String DEFAULT_NAME = "scenario";
    static final String DEFAULT_SCENARIO_NAME = "checkout survives a payments outage";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]*");

    private final HarnessContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The file to write, without .yaml (a path is allowed). Default: ${DEFAULT-VALUE}.",
            defaultValue = DEFAULT_NAME)
    String name;

    InitCommand(HarnessContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String fileName = name.endsWith(".yaml") || name.endsWith(".yml") ? name : name + ".yaml";
        Path display = Path.of(fileName);
        Path file = ScenarioFiles.open(context, display);
        String base = display.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String scenarioName = DEFAULT_NAME.equals(base) ? DEFAULT_SCENARIO_NAME : base;
        String text = starter().replace("{{file}}", display.toString()).replace("{{name}}", yamlText(scenarioName));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            err.println("faultline: " + display + " already exists; init does not overwrite it (name another file: faultline init NAME)");
            return ExitCodes.INVALID;
        } catch (IOException e) {
            err.println("faultline: cannot write " + display + ": " + e + " (is the folder there and writable?)");
            return ExitCodes.ERROR;
        }
        out.println("wrote " + display + ": a starter scenario (edit it; every key is explained in it)");
        out.println("  faultline schema > " + schemaPath(display) + "   # once, for completion in your editor");
        out.println("  faultline run " + display + "                  # exits 0: every expectation held");
        out.flush();
        return ExitCodes.HELD;
    }

    private static Path schemaPath(Path display) {
        Path dir = display.getParent();
        return dir == null ? Path.of("faultline.schema.json") : dir.resolve("faultline.schema.json");
    }

    /** The name as YAML text: plain when that reads back the same, else double-quoted (JSON escapes are YAML escapes). */
    private static String yamlText(String text) {
        if (PLAIN_NAME.matcher(text).matches() && !text.endsWith(" ")) {
            return text;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    static String starter() {
        try (InputStream in = InitCommand.class.getResourceAsStream("starter.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the jar holds no starter.yaml (a broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
