package dev.faultline.scenario.parse;

import dev.faultline.scenario.Template;
import dev.faultline.scenario.template.TemplateChecker;
import dev.faultline.scenario.template.TemplateScope;

import java.util.List;
import java.util.Optional;

/** Reads a templated value and checks its references at the value's location. */
final class Templates {
    private Templates() {
    }

    /** The template at {@code node}, or empty after reporting each bad reference. */
    static Optional<Template> bind(Node node, KeyPath path, TemplateScope scope, BindContext context) {
        Optional<String> raw = context.values().string(node, path);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Template template = new Template(raw.get(), node.location());
        List<String> problems = TemplateChecker.problems(template, scope);
        problems.forEach(problem -> context.problems().add(node.location(), path, problem));
        return problems.isEmpty() ? Optional.of(template) : Optional.empty();
    }
}
