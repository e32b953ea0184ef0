package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.FaultAction;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.server.ServerSessionListener;
import org.eclipse.jetty.http2.FlowControlStrategy;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP/2 connection factories of a fake upstream (h2 over TLS, h2c in the clear), with what the
 * {@code http2:} faults need of a new connection:
 *
 * <ul>
 *   <li>the phase's {@code max-concurrent-streams} rule, read once as the connection is made (as a
 *       {@code tls:} rule is): the session enforces it (Jetty refuses a stream over it with
 *       REFUSED_STREAM) and its SETTINGS advertise it;</li>
 *   <li>the RFC's initial stream window, 65,535 bytes, instead of Jetty's 512 KiB, so that a stream
 *       whose body is never read ({@code stall-window}) stops its client's upload at 65,535 bytes, as
 *       a default HTTP/2 peer would. Bodies that are read reopen the window as they are consumed.</li>
 * </ul>
 */
final class Http2Limits {
    private Http2Limits() {
    }

    /** The factory for h2 (chosen by ALPN over TLS). */
    static HTTP2ServerConnectionFactory h2(HttpConfiguration http, Supplier<RuleSet> rules) {
        return new H2(http, rules);
    }

    /** The factory for h2c (prior knowledge in the clear). */
    static HTTP2CServerConnectionFactory h2c(HttpConfiguration http, Supplier<RuleSet> rules) {
        return new H2c(http, rules);
    }

    /** Applies the phase's stream limit, if any, to a connection just made. */
    private static Connection limited(Connection connection, Supplier<RuleSet> rules) {
        CompiledRule rule = rules.get().http2Limit();
        if (rule != null && connection instanceof HTTP2Connection h2) {
            FaultAction.Http2Fault fault = ((Effect.Http2) rule.effect()).fault();
            h2.getSession().setMaxRemoteStreams(fault.maxConcurrentStreams());
            rule.countFire();
        }
        return connection;
    }

    /** The settings a connection's preface sends: the session's own stream limit, decided when it was made. */
    private static Map<Integer, Integer> advertised(Map<Integer, Integer> settings, Session session) {
        if (session instanceof HTTP2Session h2) {
            settings.put(SettingsFrame.MAX_CONCURRENT_STREAMS, h2.getMaxRemoteStreams());
        }
        return settings;
    }

    // H2 and H2c repeat their two overrides: HTTPServerSessionListener is an inner class of Jetty's factory,
    // so only a subclass of each factory can make one.
    private static final class H2 extends HTTP2ServerConnectionFactory {
        private final Supplier<RuleSet> rules;

        H2(HttpConfiguration http, Supplier<RuleSet> rules) {
            super(http);
            this.rules = rules;
            setInitialStreamRecvWindow(FlowControlStrategy.DEFAULT_WINDOW_SIZE);
        }

        @Override
        public Connection newConnection(Connector connector, EndPoint endPoint) {
            return limited(super.newConnection(connector, endPoint), rules);
        }

        @Override
        protected ServerSessionListener newSessionListener(Connector connector, EndPoint endPoint) {
            return new HTTPServerSessionListener(endPoint) {
                @Override
                public Map<Integer, Integer> onPreface(Session session) {
                    return advertised(super.onPreface(session), session);
                }
            };
        }
    }

    private static final class H2c extends HTTP2CServerConnectionFactory {
        private final Supplier<RuleSet> rules;

        H2c(HttpConfiguration http, Supplier<RuleSet> rules) {
            super(http);
            this.rules = rules;
            setInitialStreamRecvWindow(FlowControlStrategy.DEFAULT_WINDOW_SIZE);
        }

        @Override
        public Connection newConnection(Connector connector, EndPoint endPoint) {
            return limited(super.newConnection(connector, endPoint), rules);
        }

        @Override
        protected ServerSessionListener newSessionListener(Connector connector, EndPoint endPoint) {
            return new HTTPServerSessionListener(endPoint) {
                @Override
                public Map<Integer, Integer> onPreface(Session session) {
                    return advertised(super.onPreface(session), session);
                }
            };
        }
    }
}
