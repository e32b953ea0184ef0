package dev.faultline.journal;

/**
 * What the real dependency behind a proxy upstream did with a forwarded request
 * ({@code upstreams.NAME.proxy}), kept beside what the client saw in the same
 * {@link UpstreamRequest}: a fault may have changed the answer on its way back (a truncated body, a
 * dribble), or the dependency may not have answered at all (then the proxy answered 502 itself).
 *
 * @param status     the dependency's status, or {@code 0} when it gave none (unreachable, reset,
 *                   timed out; {@code failure} says which)
 * @param nanos      from forwarding the request until the dependency's status and headers arrived,
 *                   or until it failed
 * @param failure    why the dependency gave no answer ({@code Connection refused}, ...) or broke its
 *                   body off after its head, or {@code null} when it answered whole
 */
public record DependencyCall(int status, long nanos, String failure) {

    /**
     * True when the dependency answered with a status the client could retry (5xx, 408, 429), not at
     * all, or broke its body off.
     */
    public boolean failed() {
        return status == 0 || failure != null || status >= 500 || status == 408 || status == 429;
    }
}
