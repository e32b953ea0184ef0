package dev.faultline.upstream.internal;

/**
 * Whether a request at a proxy upstream goes to the real dependency: when no route matches it and
 * the rule that fired (if any) lets the route answer, only changing how or when. Each effect decides
 * for itself ({@link Effect#forwards}): a delay, a body fault (truncate, dribble, bandwidth, drift,
 * garbage, after-headers), deprecate's fields, a TLS fault or a graceful GOAWAY shape the dependency's
 * real answer; a rule that answers instead of the route (respond, a rate limit's refusal, deprecate's
 * {@code gone}) or ends the exchange (drop, reset, hang, down, an HTTP/2 stream reset or GOAWAY,
 * a stalled window) never reaches the dependency: the fault is all the client sees, as in front of a
 * fake route.
 */
final class ProxyDecision {
    private ProxyDecision() {
    }

    static boolean forwards(CompiledRule rule, RequestView request, RequestRouter router) {
        if (rule != null && !rule.effect().forwards(request)) {
            return false;
        }
        return router.route(request) == router.notFound();
    }
}
