package dev.faultline.load;

import dev.faultline.journal.CallOutcome;

import java.util.Locale;
import java.util.Set;

/**
 * When a failed load request is the driver's own doing, a keep-alive connection the server had already
 * closed, and is resent once on a fresh connection instead of being blamed on the target.
 *
 * <p>The rule of browsers, curl and OkHttp's own default, bounded by RFC 9110 §9.2.2 and RFC 9112 §9.3.1:
 * a server may close an idle persistent connection at any moment, so a request that meets the close on a
 * <em>reused</em> connection, before any response arrived, may never have been seen by the server;
 * a client may send it again on a new connection when repeating it is harmless. Here that means:
 * <ul>
 *   <li>the connection came from the pool (a fresh connection that fails is the target's failure);</li>
 *   <li>the failure is the connection ending ({@code closed}) or reset ({@code reset}), never a timeout;</li>
 *   <li>no response head arrived;</li>
 *   <li>the method is idempotent, or nothing of the request was written yet.</li>
 * </ul>
 */
final class StaleConnection {
    /** RFC 9110 §9.2.2: the idempotent methods. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private StaleConnection() {
    }

    /** True when the failed attempt is resent on a fresh connection. */
    static boolean resend(String method, ConnectionUse use, CallOutcome failure) {
        return resend(method, use.reused(), use.writeStarted(), use.headArrived(), failure);
    }

    /** The same rule from the facts themselves, as the event-loop engine knows them. */
    static boolean resend(String method, boolean reused, boolean writeStarted, boolean headArrived, CallOutcome failure) {
        return reused && !headArrived && (failure == CallOutcome.CLOSED || failure == CallOutcome.RESET)
                && (idempotent(method) || !writeStarted);
    }

    static boolean idempotent(String method) {
        return IDEMPOTENT.contains(method.toUpperCase(Locale.ROOT));
    }
}
