package dev.faultline.run;

import dev.faultline.scenario.FeatureUse;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.SourceLocation;
import dev.faultline.scenario.Template;
import dev.faultline.scenario.template.Bindings;
import dev.faultline.scenario.template.TemplateException;
import dev.faultline.scenario.template.TemplateResolver;
import dev.faultline.upstream.internal.ProxyForwarder;
import dev.faultline.upstream.spec.UpstreamProxy;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the {@code ${env.VAR}} references in proxy upstreams' urls ({@code upstreams.NAME.proxy})
 * before the upstreams start, for a run and for {@code serve} alike.
 */
public final class ProxyUrls {
    private ProxyUrls() {
    }

    /**
     * The scenario's upstreams with every proxy url resolved, in file order.
     *
     * @throws TemplateException at the url's line and column when a variable is not set or the
     *                           resolved text is not an absolute http(s) URL
     */
    public static Map<String, UpstreamSpec> resolve(Scenario scenario, Function<String, String> env) {
        Map<String, UpstreamSpec> resolved = new LinkedHashMap<>();
        for (UpstreamSpec spec : scenario.upstreams().values()) {
            if (spec.proxy().isEmpty() || spec.proxy().get().resolved()) {
                resolved.put(spec.name(), spec);
                continue;
            }
            UpstreamProxy proxy = spec.proxy().get();
            SourceLocation at = location(scenario, spec.name());
            String url = TemplateResolver.resolve(new Template(proxy.url(), at), Bindings.empty().withEnv(env));
            try {
                ProxyForwarder.parse(spec.name(), url);
            } catch (IllegalArgumentException e) {
                throw new TemplateException(at, "upstreams." + spec.name() + ".proxy " + proxy.url() + " became "
                        + e.getMessage().substring(e.getMessage().indexOf(": proxy ") + 8));
            }
            resolved.put(spec.name(), spec.withProxy(proxy.withUrl(url)));
        }
        return resolved;
    }

    private static SourceLocation location(Scenario scenario, String upstream) {
        String path = "upstreams." + upstream + ".proxy";
        return scenario.features().stream()
                .filter(use -> use.path().equals(path))
                .map(FeatureUse::location)
                .findFirst()
                .orElse(null);
    }
}
