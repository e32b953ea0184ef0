package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;

import java.util.List;
import java.util.Map;

/**
 * An upstream's routes, compiled: the first route whose match holds answers; when none does, a 404.
 * Immutable and threadsafe; routing allocates nothing.
 */
public final class RequestRouter {
    private final CompiledMatch[] matches;
    private final PreparedResponse[] responses;
    private final PreparedResponse notFound;

    private RequestRouter(CompiledMatch[] matches, PreparedResponse[] responses, PreparedResponse notFound) {
        this.matches = matches;
        this.responses = responses;
        this.notFound = notFound;
    }

    /**
     * @param upstream the upstream's name, quoted in the 404 body so a confused client's log says
     *                 which fake answered
     * @param routes   in order of precedence
     */
    public static RequestRouter of(String upstream, List<Route> routes) {
        CompiledMatch[] matches = new CompiledMatch[routes.size()];
        PreparedResponse[] responses = new PreparedResponse[routes.size()];
        for (int i = 0; i < matches.length; i++) {
            matches[i] = CompiledMatch.of(routes.get(i).match());
            responses[i] = PreparedResponse.of(routes.get(i).respond());
        }
        PreparedResponse notFound = PreparedResponse.of(Respond.of(404,
                Map.of("Content-Type", "text/plain;charset=utf-8"),
                "faultline: no route of upstream " + upstream + " matches this request\n"));
        return new RequestRouter(matches, responses, notFound);
    }

    /** The first matching route's response, or {@link #notFound()}. */
    public PreparedResponse route(RequestView request) {
        for (int i = 0; i < matches.length; i++) {
            if (matches[i].matches(request)) {
                return responses[i];
            }
        }
        return notFound;
    }

    /** The answer when no route matches; compare by identity. */
    public PreparedResponse notFound() {
        return notFound;
    }
}
