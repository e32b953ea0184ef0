package dev.faultline.upstream.internal;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.tls.RunTls;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * The connection factories of one client port, first the one a new connection meets:
 *
 * <ul>
 *   <li>cleartext HTTP/1.1: HTTP/1.1;</li>
 *   <li>cleartext with {@code http2}: HTTP/1.1, which hands a connection opening with the HTTP/2
 *       preface to h2c (prior knowledge);</li>
 *   <li>TLS: the TLS-fault factory (TLS with the run's certificate, or a spoilt handshake), then HTTP/1.1;</li>
 *   <li>TLS with {@code http2}: the same, then ALPN choosing h2 or http/1.1 (HTTP/1.1 for a client
 *       that offers no ALPN).</li>
 * </ul>
 */
public final class ProtocolStack {
    private ProtocolStack() {
    }

    public static ConnectionFactory[] factories(UpstreamSpec spec, RunTls material, HttpConfiguration http,
                                                UpstreamHandler handler, Journal journal, RunClock clock) {
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        if (spec.tls().isEmpty()) {
            return spec.http2()
                    ? new ConnectionFactory[]{http11, Http2Limits.h2c(http, handler::rules)}
                    : new ConnectionFactory[]{http11};
        }
        if (!spec.http2()) {
            return new ConnectionFactory[]{
                    new TlsFaultConnectionFactory(spec.name(), spec.tls().get(), material, HttpVersion.HTTP_1_1.asString(),
                            handler, journal, clock),
                    http11};
        }
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol(http11.getProtocol());
        return new ConnectionFactory[]{
                new TlsFaultConnectionFactory(spec.name(), spec.tls().get(), material, alpn.getProtocol(), handler,
                        journal, clock),
                alpn, Http2Limits.h2(http, handler::rules), http11};
    }
}
