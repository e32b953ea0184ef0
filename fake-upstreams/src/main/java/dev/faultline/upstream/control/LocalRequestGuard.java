package dev.faultline.upstream.control;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Keeps web pages out of a control API that listens on this machine.
 *
 * <p>A browser lets any page send a "simple" cross-origin {@code POST} (it only hides the answer),
 * and DNS rebinding lets a page read answers too, by pointing its own name at 127.0.0.1. Neither
 * can forge what the browser writes itself: {@code Host} names the page's host on a rebinding
 * request, and {@code Origin} names the page on a cross-origin one. So:
 * <ul>
 *   <li>{@code Host} must name the bound address, {@code localhost}, {@code 127.0.0.1} or {@code [::1]};
 *       its port is not checked (an SSH port forward changes it, and a rebinding page cannot name
 *       this machine by any of those names). A request without {@code Host} (HTTP/1.0) is let through:
 *       browsers always send one. Bound off loopback the API already demands a token, which a page
 *       cannot add without a CORS preflight the API never grants, and the machine is reached by names
 *       the API cannot know, so there any {@code Host} is accepted.</li>
 *   <li>A state change ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) that carries an
 *       {@code Origin} must be the API's own origin, {@code http://} one of those names with the API's
 *       port (off loopback: the {@code Host} it was sent to): the API serves no pages, so any other
 *       origin is a foreign page. curl and scripts send no {@code Origin}.</li>
 * </ul>
 * Immutable.
 */
final class LocalRequestGuard {
    private static final Set<String> STATE_CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Set<String> hosts;
    private final IntSupplier port;
    private final boolean anyHost;

    /**
     * @param boundHost the address the API listens on, as configured
     * @param port      the port it listens on (known once it listens)
     * @param loopback  whether {@code boundHost} is a loopback address
     */
    LocalRequestGuard(String boundHost, IntSupplier port, boolean loopback) {
        this.hosts = Set.copyOf(List.of(normalized(boundHost), "localhost", "127.0.0.1", "::1"));
        this.port = port;
        this.anyHost = !loopback;
    }

    /** Why the request must be refused, or empty when it may proceed. */
    Optional<String> refusal(String method, String host, String origin) {
        if (host != null && !anyHost && !allowed(host, false)) {
            return Optional.of("Host: " + host + " is not this control API's address, so the request may come from a web"
                    + " page through DNS rebinding; call it as " + example() + " (or localhost, 127.0.0.1, [::1])");
        }
        if (origin != null && STATE_CHANGES.contains(method.toUpperCase(Locale.ROOT)) && !sameMachineOrigin(origin, host)) {
            return Optional.of(method + " with Origin: " + origin + " comes from a web page on another site and would change"
                    + " the server's state; send it without an Origin header (curl does), or from a page on " + example());
        }
        return Optional.empty();
    }

    private boolean sameMachineOrigin(String origin, String host) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
            return false; // includes Origin: null, sent by sandboxed frames and file: pages
        }
        if (anyHost) {
            return host != null && uri.getRawAuthority().equalsIgnoreCase(host);
        }
        return allowed(uri.getRawAuthority(), true);
    }

    /** {@code HOST} or {@code HOST:PORT}, with an IPv6 address in brackets. */
    private boolean allowed(String authority, boolean portMustMatch) {
        String name;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return false;
            }
            name = authority.substring(1, close);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return false;
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            name = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (!hosts.contains(normalized(name))) {
            return false;
        }
        if (!portMustMatch) {
            return true;
        }
        return portText == null ? port.getAsInt() == 80 : portText.equals(String.valueOf(port.getAsInt()));
    }

    private String example() {
        return "http://localhost:" + port.getAsInt();
    }

    private static String normalized(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1); // "localhost." names the same host
        }
        return h.equals("0:0:0:0:0:0:0:1") ? "::1" : h;
    }
}
