package dev.faultline.upstream.spec;

/**
 * How a fake upstream speaks TLS ({@code upstreams.NAME.tls}): HTTPS with a certificate issued by the
 * run's certificate authority.
 *
 * @param clientAuthRequired true for mTLS ({@code tls: {client-auth: required}}): a client without a
 *                           certificate from the run's authority is refused during the handshake
 */
public record UpstreamTls(boolean clientAuthRequired) {
    /** {@code tls: true}: server authentication only. */
    public static final UpstreamTls SERVER_ONLY = new UpstreamTls(false);
    /** {@code tls: {client-auth: required}}. */
    public static final UpstreamTls MUTUAL = new UpstreamTls(true);
}
