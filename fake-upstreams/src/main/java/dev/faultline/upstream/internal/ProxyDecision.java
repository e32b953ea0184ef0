package dev.faultline.upstream.internal;

/**
 * Whether a request at a proxy upstream goes to the real dependency: when no route matches it and
 * the rule that fired (if any) lets the route answer, only changing how or when (a delay, a body
 * fault, a TLS fault, an admitting rate limit, garbage under the dependency's head). A rule that
 * answers instead of the route (respond, a rate limit's refusal) or ends the connection (drop, reset, hang, down) never reaches
 * the dependency: the fault is all the client sees, as in front of a fake route.
 */
final class ProxyDecision {
    private ProxyDecision() {
    }

    static boolean forwards(CompiledRule rule, RequestView request, RequestRouter router) {
        if (rule != null) {
            Effect effect = rule.effect();
            if (effect instanceof Effect.Respond || effect instanceof Effect.Cut || effect instanceof Effect.Hang
                    || effect instanceof Effect.Down || effect instanceof Effect.RateLimit) {
                return false;
            }
        }
        return router.route(request) == router.notFound();
    }
}
