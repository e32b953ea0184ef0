package dev.faultline.scenario.parse;

import dev.faultline.scenario.Template;
import dev.faultline.scenario.template.TemplateScope;
import dev.faultline.upstream.internal.ProxyForwarder;
import dev.faultline.upstream.spec.UpstreamProxy;

import java.util.Optional;
import java.util.Set;

/**
 * Binds an upstream's {@code proxy: URL} (the real dependency its unrouted requests go to) and
 * {@code preserve-host}. The url may hold {@code ${env.VAR}} references, resolved when the upstream
 * starts; a url without references is checked here.
 */
final class ProxyBinder {
    /** The feature the run resolves ({@code ProxyUrls}) and the runtime support list names. */
    static final String FEATURE = "upstreams.proxy";
    // Only the environment (and the scenario's folder): the upstream starts before any port or url exists.
    private static final TemplateScope SCOPE = new TemplateScope(Set.of(), false, false, false);

    private ProxyBinder() {
    }

    static Optional<UpstreamProxy> bind(String upstream, Fields f, BindContext context) {
        Optional<Boolean> preserveHost = f.bool("preserve-host");
        if (!f.has("proxy")) {
            if (preserveHost.isPresent()) {
                f.problemAt("preserve-host", "preserve-host applies only to a proxy upstream; add proxy: URL"
                        + " (the real dependency) or remove preserve-host");
            }
            return Optional.empty();
        }
        Optional<Template> url = Templates.bind(f.get("proxy").get(), f.at("proxy"), SCOPE, context);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        context.use(FEATURE, f.at("proxy"), url.get().location());
        if (!url.get().hasReferences()) {
            try {
                ProxyForwarder.parse(upstream, url.get().raw());
            } catch (IllegalArgumentException e) {
                f.problemAt("proxy", e.getMessage().substring(e.getMessage().indexOf(": proxy ") + ": proxy ".length()));
                return Optional.empty();
            }
        }
        return Optional.of(new UpstreamProxy(url.get().raw(), preserveHost.orElse(false)));
    }
}
