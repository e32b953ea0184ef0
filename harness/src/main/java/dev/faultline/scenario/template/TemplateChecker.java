package dev.faultline.scenario.template;

import dev.faultline.scenario.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks at load time that every reference of a template names something the scenario has, so a typo
 * fails validation instead of a run.
 */
public final class TemplateChecker {
    private static final String KNOWN = "expected upstreams.NAME.url, upstreams.NAME.port,"
            + " upstreams.NAME.urls, upstreams.NAME.addresses, target.port, target.url,"
            + " replica, env.VAR, scenario.dir or faultline.classpath";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private TemplateChecker() {
    }

    /**
     * Every problem of a template, each a message without location (the template's location applies).
     * An unclosed {@code ${} is one problem; otherwise one per bad reference.
     */
    public static List<String> problems(Template template, TemplateScope scope) {
        ParsedTemplate parsed;
        try {
            parsed = ParsedTemplate.parse(template);
        } catch (TemplateException e) {
            return List.of(e.reason());
        }
        List<String> problems = new ArrayList<>();
        for (ParsedTemplate.Reference reference : parsed.references()) {
            String problem = problem(reference, scope);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    // One reference's problem, or null when it is fine.
    private static String problem(ParsedTemplate.Reference reference, TemplateScope scope) {
        String name = reference.name();
        String written = reference.written();
        switch (name) {
            case Bindings.REPLICA, Bindings.SCENARIO_DIR, Bindings.FAULTLINE_CLASSPATH:
                return null;
            case Bindings.TARGET_PORT:
                return scope.targetPort() ? null : written + " names no port (add port: auto to the target)";
            case Bindings.TARGET_URL:
                if (scope.insideTargetUrl()) {
                    return written + " cannot be used inside target.url itself (write the url out)";
                }
                return scope.targetUrl() ? null : written + " names no url (add url to the target)";
            default:
                break;
        }
        if (name.startsWith(Bindings.ENV_PREFIX)) {
            String variable = name.substring(Bindings.ENV_PREFIX.length());
            return ENV_NAME.matcher(variable).matches() ? null
                    : written + " does not name an environment variable (expected env.NAME, NAME of letters, digits and _)";
        }
        if (name.startsWith("upstreams.")) {
            return upstreamProblem(name, written, scope);
        }
        if (name.startsWith(Bindings.CA_PREFIX)) {
            return caProblem(name, written, scope);
        }
        return written + " is not a known reference (" + KNOWN + ")";
    }

    private static String caProblem(String name, String written, TemplateScope scope) {
        if (!Bindings.CA_NAMES.contains(name)) {
            return written + " is not a known reference (expected one of " + String.join(", ", Bindings.CA_NAMES) + ")";
        }
        return scope.ca() ? null : written + " names the run's certificate authority, which exists only when an upstream"
                + " speaks TLS (add tls: true to the upstream the target calls)";
    }

    private static String upstreamProblem(String name, String written, TemplateScope scope) {
        String rest = name.substring("upstreams.".length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            return written + " is not a known reference (expected upstreams.NAME.url or upstreams.NAME.port)";
        }
        String upstream = rest.substring(0, dot);
        String attribute = rest.substring(dot + 1);
        if (!scope.upstreams().contains(upstream)) {
            return written + " names no upstream (known: " + scope.knownUpstreams() + ")";
        }
        if (!List.of("url", "port", "urls", "addresses").contains(attribute)) {
            return written + " is not a known reference (expected upstreams." + upstream + ".url, upstreams."
                    + upstream + ".port, upstreams." + upstream + ".urls or upstreams." + upstream + ".addresses)";
        }
        return null;
    }
}
