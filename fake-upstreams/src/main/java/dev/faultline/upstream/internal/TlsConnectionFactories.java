package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.UpstreamTls;
import dev.faultline.upstream.tls.RunTls;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The connection factories of a TLS fake upstream: Jetty's TLS layer (with the run's server
 * certificate, and the run's authority as the only trusted issuer of client certificates under mTLS)
 * in front of HTTP/1.1.
 */
public final class TlsConnectionFactories {
    private TlsConnectionFactories() {
    }

    public static ConnectionFactory[] of(UpstreamTls tls, RunTls material, HttpConfiguration http) {
        SslContextFactory.Server context = new SslContextFactory.Server();
        char[] password = RunTls.STORE_PASSWORD.toCharArray();
        context.setKeyStore(material.server().keyStore(password));
        context.setKeyStorePassword(RunTls.STORE_PASSWORD);
        if (tls.clientAuthRequired()) {
            context.setTrustStore(material.trustStore());
            context.setNeedClientAuth(true);
        }
        // Clients reach a fake upstream by address (127.0.0.1) and so often send no SNI; accept that.
        context.setSniRequired(false);
        return new ConnectionFactory[]{
                new SslConnectionFactory(context, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http)};
    }
}
