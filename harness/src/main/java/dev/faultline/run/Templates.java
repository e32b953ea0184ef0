package dev.faultline.run;

import dev.faultline.scenario.Template;

import java.util.Map;

/** Placeholder until the scenario templating lands: substitutes {@code ${name}} from a map and the environment. */
final class Templates {
    private Templates() {
    }

    static String resolve(Template template, Map<String, String> values) {
        String raw = template.raw();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            int start = raw.indexOf("${", i);
            if (start < 0) {
                out.append(raw, i, raw.length());
                break;
            }
            out.append(raw, i, start);
            int end = raw.indexOf('}', start);
            String name = raw.substring(start + 2, end);
            String value = name.startsWith("env.") ? System.getenv(name.substring(4)) : values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(template.location() + ": ${" + name + "} is not set");
            }
            out.append(value);
            i = end + 1;
        }
        return out.toString();
    }
}
