package dev.faultline.analysis.fairness;

/**
 * How fast a limit let one of its keys through while it held that key back: the requests admitted
 * between the key's first and last 429 of each window, summed over the windows.
 *
 * <p>At a 429 the key's quota is spent (a token bucket has less than one token, a window is full),
 * so between two refusals the limiter admits exactly what its rate allows, give or take one request
 * (a fixed window: give or take one window's worth). A client that keeps using the limit is admitted
 * the limit's rate there; one that over-throttles itself, less; a limiter that leaks, more. A key
 * refused fewer than twice in a window contributes nothing from it.
 *
 * @param key            {@code replica N}, a tenant's name, or {@code all} for a shared limit
 * @param refusals       429s of the key in the windows
 * @param admitted       requests served within the spans
 * @param spanSeconds    total length of the spans, first to last 429 of each window
 * @param allowed        requests the limit allows over the spans (its rate times each span)
 */
public record LimitedRate(String key, long refusals, long admitted, double spanSeconds, double allowed) {

    /** Admitted per second within the spans; NaN without a span. */
    public double perSecond() {
        return spanSeconds > 0 ? admitted / spanSeconds : Double.NaN;
    }

    /** The limit's rate over the spans, per second. */
    public double limitPerSecond() {
        return spanSeconds > 0 ? allowed / spanSeconds : Double.NaN;
    }

    /** Admitted / allowed: 1 when the key used exactly what the limit allows. */
    public double goodput() {
        return allowed > 0 ? admitted / allowed : Double.NaN;
    }

    /** Admitted / allowed − 1: negative under the limit, positive over it. */
    public double error() {
        return goodput() - 1;
    }
}
