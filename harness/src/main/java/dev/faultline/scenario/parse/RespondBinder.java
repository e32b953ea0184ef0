package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.Respond;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Binds {@code respond: {status, headers, body | body-file}} of routes and fault rules. */
final class RespondBinder {
    private static final Range STATUS = Range.between(100, 599);

    private RespondBinder() {
    }

    /** The response at {@code node}; empty when it has errors (already reported). */
    static Optional<Respond> bind(Node node, KeyPath path, BindContext context) {
        Optional<Fields> opened = context.open(node, path, "status", "headers", "body", "body-file");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        int status = (int) f.integer("status", STATUS, "an HTTP status").orElse(200);
        Map<String, String> headers = f.headers("headers").orElse(Map.of());
        byte[] body = new byte[0];
        if (f.has("body") && f.has("body-file")) {
            f.problem("body and body-file cannot both be given (keep one)");
        } else if (f.has("body")) {
            body = f.string("body").map(text -> text.getBytes(StandardCharsets.UTF_8)).orElse(body);
        } else if (f.has("body-file")) {
            body = bodyFile(f, context).orElse(body);
        }
        if (context.problems().count() > errors) {
            return Optional.empty();
        }
        return Optional.of(new Respond(status, headers, body));
    }

    private static Optional<byte[]> bodyFile(Fields f, BindContext context) {
        Node node = f.get("body-file").orElseThrow();
        KeyPath path = f.at("body-file");
        Optional<Path> file = context.values().nonBlank(node, path, "a file path relative to the scenario folder")
                .flatMap(written -> ScenarioFolder.resolve(written, ScenarioFolder.Kind.FILE, "body-file", node, path, context));
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return RegularFiles.read(file.get(), Limits.MAX_BODY_FILE_BYTES,
                refusal -> context.problems().add(node.location(), path, refused(refusal, file.get())));
    }

    private static String refused(RegularFiles.Refusal refusal, Path file) {
        if (refusal instanceof RegularFiles.TooLarge tooLarge) {
            return file + " holds more than " + tooLarge.limit() + " bytes, the most a body-file may hold (expected a"
                    + " smaller body)";
        }
        if (refusal instanceof RegularFiles.NotRegular notRegular) {
            return file + " is " + notRegular.kind() + " (expected a regular file)";
        }
        if (refusal instanceof RegularFiles.Unreadable unreadable) {
            return "cannot read " + file + ": " + unreadable.cause() + " (expected a readable file)";
        }
        return file + " does not exist any more (expected a readable file)";
    }
}
