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
 */
public record TemplateScope(Set<String> upstreams, boolean targetPort, boolean targetUrl, boolean insideTargetUrl) {
    public TemplateScope {
        upstreams = Set.copyOf(upstreams);
    }

    /** The same scope, for checking the target's url itself. */
    public TemplateScope forTargetUrl() {
        return new TemplateScope(upstreams, targetPort, targetUrl, true);
    }

    /** The upstream names in alphabetical order, for messages. */
    public String knownUpstreams() {
        return upstreams.isEmpty() ? "none; declare it under upstreams" : String.join(", ", new TreeSet<>(upstreams));
    }
}
