package dev.faultline.upstream.spec;

import java.util.Objects;

/**
 * A real dependency behind a fake upstream ({@code upstreams.NAME.proxy}): requests that match no
 * route are forwarded to it, and the phase's fault rules apply to them as to routed ones.
 *
 * @param url          where to forward: scheme, host, port and base path (the request's path is
 *                     appended to the base path). As written in the scenario it may hold
 *                     {@code ${env.VAR}} references; the upstream is started with it resolved
 *                     ({@link #resolved})
 * @param preserveHost send the client's own {@code Host} header instead of the dependency's
 */
public record UpstreamProxy(String url, boolean preserveHost) {
    public UpstreamProxy {
        Objects.requireNonNull(url, "url");
    }

    /** True once no {@code ${...}} reference is left in the url. */
    public boolean resolved() {
        return !url.contains("${");
    }

    /** The same proxy forwarding to {@code resolvedUrl}. */
    public UpstreamProxy withUrl(String resolvedUrl) {
        return new UpstreamProxy(resolvedUrl, preserveHost);
    }
}
