package dev.faultline.upstream.internal;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.TlsHandshake;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.TlsFaultKind;
import dev.faultline.upstream.spec.UpstreamTls;
import dev.faultline.upstream.tls.IssuedCertificate;
import dev.faultline.upstream.tls.RunTls;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The first thing a new connection to a TLS fake upstream meets. It reads the phase's {@code tls}
 * fault rule once, as the connection is accepted, and hands the connection to what that rule asks
 * for: Jetty's TLS with the run's certificate (no fault), with a spoilt certificate (expired, wrong
 * host, unknown authority), or a {@link ClientHelloConnection} that hangs, resets or refuses the
 * version. Every handshake is journalled as a {@link TlsHandshake} with what the client met.
 */
public final class TlsFaultConnectionFactory extends AbstractConnectionFactory {
    /** The protocol name under which the connector knows this factory. */
    public static final String PROTOCOL = "faultline-tls";

    private final String upstream;
    private final Supplier<RuleSet> rules;
    private final Journal journal;
    private final RunClock clock;
    private final SslConnectionFactory normal;
    private final Map<TlsFaultKind, SslConnectionFactory> spoilt = new EnumMap<>(TlsFaultKind.class);

    /**
     * @param nextProtocol the protocol TLS carries ({@code HTTP/1.1})
     * @param handler      whose phase rules in force are read once per new connection
     */
    public TlsFaultConnectionFactory(String upstream, UpstreamTls tls, RunTls material, String nextProtocol,
                                     UpstreamHandler handler, Journal journal, RunClock clock) {
        super(PROTOCOL);
        this.upstream = upstream;
        this.rules = handler::rules;
        this.journal = journal;
        this.clock = clock;
        this.normal = ssl(context(tls, material, material.server()), nextProtocol);
        spoilt.put(TlsFaultKind.EXPIRED_CERTIFICATE, ssl(context(tls, material, material.expired()), nextProtocol));
        spoilt.put(TlsFaultKind.WRONG_HOST, ssl(context(tls, material, material.wrongHost()), nextProtocol));
        spoilt.put(TlsFaultKind.UNKNOWN_CA, ssl(context(tls, material, material.unknownCa()), nextProtocol));
        addBean(normal);
        spoilt.values().forEach(this::addBean);
    }

    private static SslConnectionFactory ssl(SslContextFactory.Server context, String nextProtocol) {
        return new SslConnectionFactory(context, nextProtocol);
    }

    private static SslContextFactory.Server context(UpstreamTls tls, RunTls material, IssuedCertificate certificate) {
        SslContextFactory.Server context = new SslContextFactory.Server();
        context.setKeyStore(certificate.keyStore(RunTls.STORE_PASSWORD.toCharArray()));
        context.setKeyStorePassword(RunTls.STORE_PASSWORD);
        if (tls.clientAuthRequired()) {
            context.setTrustStore(material.trustStore());
            context.setNeedClientAuth(true);
        }
        // Clients reach a fake upstream by address (127.0.0.1) and so often send no SNI; accept that.
        context.setSniRequired(false);
        return context;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        long accepted = clock.nanos();
        int client = connector instanceof ClientPortConnector port ? port.client() : 0;
        CompiledRule rule = rules.get().tls();
        if (rule == null) {
            return recorded(normal.newConnection(connector, endPoint), new Recorder(accepted, client, null, null));
        }
        rule.countFire();
        FaultAction.TlsFault fault = ((Effect.Tls) rule.effect()).fault();
        String name = fault.kind().word();
        Recorder recorder = new Recorder(accepted, client, rule.id(), name);
        SslConnectionFactory spoiltFactory = spoilt.get(fault.kind());
        if (spoiltFactory != null) {
            return recorded(spoiltFactory.newConnection(connector, endPoint), recorder);
        }
        return configure(new ClientHelloConnection(endPoint, connector.getExecutor(), fault, recorder), connector, endPoint);
    }

    private static Connection recorded(Connection connection, Recorder recorder) {
        if (connection instanceof SslConnection ssl) {
            ssl.addHandshakeListener(recorder);
            if (recorder.fault != null) {
                ssl.addEventListener(new Connection.Listener() {
                    @Override
                    public void onClosed(Connection closed) {
                        recorder.closed(ssl);
                    }
                });
            }
        }
        return connection;
    }

    /** Journals the handshake of one connection: once, when it ends. */
    final class Recorder implements SslHandshakeListener {
        private final long accepted;
        private final int client;
        private final String rule;
        private final String fault;
        private boolean done;
        private String protocol;
        private String cipherSuite;

        Recorder(long accepted, int client, String rule, String fault) {
            this.accepted = accepted;
            this.client = client;
            this.rule = rule;
            this.fault = fault;
        }

        @Override
        public void handshakeSucceeded(Event event) {
            SSLSession session = event.getSSLEngine().getSession();
            if (fault == null) {
                record("completed", session.getProtocol(), session.getCipherSuite(), null);
                return;
            }
            // Some clients (curl) check the host name only after the handshake and then just close:
            // whether the client accepted the certificate shows only in whether a request follows.
            synchronized (this) {
                protocol = session.getProtocol();
                cipherSuite = session.getCipherSuite();
            }
        }

        /** A faulted connection closed: judge from whether any request came over it. */
        void closed(SslConnection ssl) {
            String agreed;
            String cipher;
            synchronized (this) {
                agreed = protocol;
                cipher = cipherSuite;
            }
            if (agreed == null) {
                record("failed", null, null, "shown the " + fault + " certificate; the connection closed in the handshake");
                return;
            }
            Connection http = ssl.getSslEndPoint().getConnection();
            long requests = http == null ? 0 : http.getMessagesIn();
            if (requests > 0) {
                record("completed", agreed, cipher, "the client accepted the " + fault
                        + " certificate and sent requests (it does not verify it)");
            } else {
                record("failed", agreed, cipher, "shown the " + fault + " certificate, the client completed the"
                        + " handshake, then closed without a request (it refused the certificate after the handshake)");
            }
        }

        @Override
        public void handshakeFailed(Event event, Throwable failure) {
            SSLEngine engine = event.getSSLEngine();
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            String what = fault == null
                    ? (engine.getNeedClientAuth() ? "mTLS handshake failed" : "handshake failed")
                    : "shown the " + fault + " certificate, the client aborted the handshake";
            record("failed", null, null, what + " (the server's TLS said: " + message + ")");
        }

        synchronized void record(String outcome, String protocol, String cipherSuite, String detail) {
            if (done) {
                return;
            }
            done = true;
            journal.append(new TlsHandshake(accepted, clock.nanos() - accepted, upstream, client, outcome, rule, fault,
                    protocol, cipherSuite, detail));
        }
    }
}
