package dev.faultline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code faultline schema}: prints the JSON Schema of the scenario format, for editors. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of the scenario format (draft 2020-12).",
                "Save it next to your scenarios (faultline schema > faultline.schema.json) and point your editor at it:"
                        + " a first line '# yaml-language-server: $schema=faultline.schema.json' (VS Code YAML, IntelliJ),"
                        + " or \"$schema\": \"faultline.schema.json\" in a JSON file. See docs/editors.md."})
final class SchemaCommand implements Callable<Integer> {
    /** The schema in the jar: scenarios/schema/faultline-scenario.schema.json, packaged by the harness's pom. */
    static final String RESOURCE = "faultline-scenario.schema.json";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text());
        out.flush();
        return ExitCodes.HELD;
    }

    /** The schema's text as packaged. */
    static String text() {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar holds no " + RESOURCE + " (a broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
