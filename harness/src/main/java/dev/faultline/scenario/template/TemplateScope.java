package dev.faultline.scenario.template;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a scenario offers to the template being checked: its upstream names, whether the target has a
 * port and a url, and whether the template is the target's url itself (which cannot refer to itself).
 *
 * @param upstreams     the declared upstream names
 * @param targetPort    true when the target has a port policy, so {@code ${target.port}} has a value
 * @param targetUrl     true when the target has a url, so {@code ${target.url}} has a value
 * @param insideTargetUrl true when the template being checked is {@code target.url}
 * @param ca            true when an upstream speaks TLS, so the run has a certificate authority and
 *                      {@code ${ca.file}} and the other {@code ca.*} references have values
 */
public record TemplateScope(Set<String> upstreams, boolean targetPort, boolean targetUrl, boolean insideTargetUrl,
                            boolean ca) {
    public TemplateScope {
        upstreams = Set.copyOf(upstreams);
    }

    /** A scope without a certificate authority (no upstream speaks TLS). */
    public TemplateScope(Set<String> upstreams, boolean targetPort, boolean targetUrl, boolean insideTargetUrl) {
        this(upstreams, targetPort, targetUrl, insideTargetUrl, false);
    }

    /** The same scope, for checking the target's url itself. */
    public TemplateScope forTargetUrl() {
        return new TemplateScope(upstreams, targetPort, targetUrl, true, ca);
    }

    /** The upstream names in alphabetical order, for messages. */
    public String knownUpstreams() {
        return upstreams.isEmpty() ? "none; declare it under upstreams" : String.join(", ", new TreeSet<>(upstreams));
    }
}
