package dev.faultline.scenario.template;

import dev.faultline.scenario.Template;

/** Turns a scenario template into its text for one run (and one replica) from its {@link Bindings}. */
public final class TemplateResolver {
    private TemplateResolver() {
    }

    /**
     * Resolves every reference of a template.
     *
     * @return the text with references replaced and {@code $${} turned into {@code ${}
     * @throws TemplateException at the template's location when a reference has no binding (an
     *                           environment variable that is not set, say) or a {@code ${} is unclosed
     */
    public static String resolve(Template template, Bindings bindings) {
        StringBuilder out = new StringBuilder(template.raw().length());
        for (ParsedTemplate.Part part : ParsedTemplate.parse(template).parts()) {
            if (part instanceof ParsedTemplate.Text text) {
                out.append(text.text());
            } else if (part instanceof ParsedTemplate.Reference reference) {
                out.append(bindings.lookup(reference.name())
                        .orElseThrow(() -> new TemplateException(template.location(), missing(reference))));
            }
        }
        return out.toString();
    }

    private static String missing(ParsedTemplate.Reference reference) {
        String name = reference.name();
        if (name.startsWith(Bindings.ENV_PREFIX)) {
            String variable = name.substring(Bindings.ENV_PREFIX.length());
            return reference.written() + " is not set (set " + variable + " in the environment faultline runs in)";
        }
        return reference.written() + " has no value in this run (the harness did not bind " + name + ")";
    }
}
