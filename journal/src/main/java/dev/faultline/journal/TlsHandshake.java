package dev.faultline.journal;

import java.util.Objects;

/**
 * One TLS handshake at a fake upstream, as the client met it: completed (with the protocol and
 * cipher agreed), or failed, and how. Written when the handshake ends (or, for a hung one, when the
 * client leaves or the run ends).
 *
 * @param atNanos        when the connection was accepted (run time)
 * @param durationNanos  from the accepted connection to the handshake's end: for a completed one
 *                       its cost as the server measured it, for a hung one how long the client waited
 * @param upstream       the upstream's name in the scenario
 * @param client         the client (target replica) index, from the port the connection arrived on
 * @param outcome        {@code completed}, {@code failed} (a certificate or protocol refused: see
 *                       {@code detail}), {@code reset} (the upstream aborted it after the
 *                       ClientHello), {@code hung} (no answer until the client left) or {@code open}
 *                       (still hanging when the run ended)
 * @param rule           id of the {@code tls} fault rule in force, or {@code null}
 * @param fault          the fault ({@code expired-certificate}, ...), or {@code null}
 * @param protocol       the protocol agreed ({@code TLSv1.3}), or {@code null} when none was
 * @param cipherSuite    the cipher suite agreed, or {@code null}
 * @param detail         what the client saw, in words (the alert it sent, the certificate it was
 *                       shown), or {@code null} for a plain completed handshake
 */
public record TlsHandshake(long atNanos, long durationNanos, String upstream, int client, String outcome, String rule,
                           String fault, String protocol, String cipherSuite, String detail) implements Event {
    public TlsHandshake {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public String type() {
        return "tls-handshake";
    }

    /** True when the handshake completed. */
    public boolean completed() {
        return outcome.equals("completed");
    }
}
