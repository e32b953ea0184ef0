package dev.faultline.scenario.template;

import dev.faultline.scenario.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A template split into literal text and {@code ${...}} references, the form that both the
 * load-time check and the run-time resolver walk.
 *
 * <p>Reading goes left to right: {@code $${} is a literal {@code ${}; {@code ${} opens a reference
 * that ends at the next {@code }}; every other character is literal.
 *
 * @param parts the pieces in order
 */
public record ParsedTemplate(List<Part> parts) {
    private static final String ESCAPE = "$${";
    private static final String OPEN = "${";

    public ParsedTemplate {
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    public sealed interface Part {
    }

    /** Literal text, escapes already undone. */
    public record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A reference such as {@code upstreams.payments.url}; {@link #written()} is how it appeared. */
    public record Reference(String name) implements Part {
        public Reference {
            Objects.requireNonNull(name, "name");
        }

        /** The reference as written: {@code ${name}}. */
        public String written() {
            return "${" + name + "}";
        }
    }

    /**
     * Splits a template into parts.
     *
     * @throws TemplateException at the template's location when a {@code ${} is never closed
     */
    public static ParsedTemplate parse(Template template) {
        String raw = template.raw();
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith(ESCAPE, i)) {
                text.append(OPEN);
                i += ESCAPE.length();
            } else if (raw.startsWith(OPEN, i)) {
                int close = raw.indexOf('}', i + OPEN.length());
                if (close < 0) {
                    throw new TemplateException(template.location(), "unclosed \"${\" in \"" + raw
                            + "\" (close the reference with \"}\", or write $${ for a literal ${)");
                }
                if (!text.isEmpty()) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(new Reference(raw.substring(i + OPEN.length(), close)));
                i = close + 1;
            } else {
                text.append(raw.charAt(i));
                i++;
            }
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new ParsedTemplate(parts);
    }

    /** The references, in order. */
    public List<Reference> references() {
        return parts.stream().filter(Reference.class::isInstance).map(Reference.class::cast).toList();
    }
}
