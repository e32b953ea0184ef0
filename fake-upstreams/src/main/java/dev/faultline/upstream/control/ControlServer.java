package dev.faultline.upstream.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultline.journal.Event;
import dev.faultline.journal.JournalJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP control API of {@code faultline serve}: status, switch phase, stream the journal, reset.
 *
 * <pre>
 * GET  /status                           the scenario, the phase in force, per-upstream counts (JSON)
 * POST /phase/NAME                       put phase NAME in force and hold it
 * GET  /journal?upstream=NAME&amp;since=2.5  the journal as JSON lines (filters optional; since in seconds)
 * POST /reset                            forget the journal and the counters
 * </pre>
 *
 * It listens on 127.0.0.1 unless told otherwise; bound to any other address it refuses to start
 * without a token, and then every request must carry {@code Authorization: Bearer TOKEN}.
 * Threadsafe.
 */
public final class ControlServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Server server;
    private final ServerConnector connector;

    private ControlServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the control API.
     *
     * @param host  address to bind; anything but loopback needs a token
     * @param port  port, or 0 for a free one
     * @param token the bearer token every request must carry, or null for none (loopback only)
     * @throws IllegalArgumentException if bound off loopback without a token
     * @throws IOException              if the port cannot be bound
     */
    public static ControlServer start(String host, int port, String token, ControlTarget target) throws IOException {
        Objects.requireNonNull(target, "target");
        boolean loopback = InetAddress.getByName(host).isLoopbackAddress();
        if (!loopback && (token == null || token.isEmpty())) {
            throw new IllegalArgumentException("the control API on " + host + " is reachable from other machines;"
                    + " give it a token (--control-token) or bind it to 127.0.0.1");
        }
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("faultline-control");
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ControlHandler(target, token));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IOException("the control API could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new ControlServer(server, connector);
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://HOST:PORT}. */
    public String url() {
        String host = connector.getHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the control API did not stop: " + e.getMessage(), e);
        }
    }

    private static final class ControlHandler extends Handler.Abstract {
        private final ControlTarget target;
        private final byte[] token;

        ControlHandler(ControlTarget target, String token) {
            this.target = target;
            this.token = token == null || token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (token != null && !authorized(request)) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                return error(response, callback, HttpStatus.UNAUTHORIZED_401,
                        "missing or wrong token: send Authorization: Bearer TOKEN");
            }
            String path = request.getHttpURI().getPath();
            String method = request.getMethod();
            if (path.equals("/status") && method.equals("GET")) {
                return json(response, callback, HttpStatus.OK_200, target.status());
            }
            if (path.startsWith("/phase/") && method.equals("POST")) {
                String name = java.net.URLDecoder.decode(path.substring("/phase/".length()), StandardCharsets.UTF_8);
                try {
                    target.switchPhase(name);
                } catch (IllegalArgumentException e) {
                    return error(response, callback, HttpStatus.NOT_FOUND_404, e.getMessage());
                }
                return json(response, callback, HttpStatus.OK_200, target.status());
            }
            if (path.equals("/journal") && method.equals("GET")) {
                return journal(request, response, callback);
            }
            if (path.equals("/reset") && method.equals("POST")) {
                target.reset();
                return json(response, callback, HttpStatus.OK_200, target.status());
            }
            return error(response, callback, HttpStatus.NOT_FOUND_404, "no such endpoint: " + method + " " + path
                    + " (use GET /status, POST /phase/NAME, GET /journal, POST /reset)");
        }

        private boolean authorized(Request request) {
            String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
        }

        private boolean journal(Request request, Response response, Callback callback) throws IOException {
            Fields query = Request.extractQueryParameters(request);
            String upstream = query.getValue("upstream");
            long since = 0;
            String sinceText = query.getValue("since");
            if (sinceText != null) {
                try {
                    since = (long) (Double.parseDouble(sinceText) * 1e9);
                } catch (NumberFormatException e) {
                    return error(response, callback, HttpStatus.BAD_REQUEST_400,
                            "since=" + sinceText + " is not a number of seconds (e.g. since=2.5)");
                }
            }
            List<Event> events = target.events(upstream, since);
            StringBuilder lines = new StringBuilder(events.size() * 200);
            for (Event event : events) {
                lines.append(JournalJson.toLine(event)).append('\n');
            }
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson; charset=utf-8");
            org.eclipse.jetty.io.Content.Sink.write(response, true, lines.toString(), callback);
            return true;
        }

        private static boolean json(Response response, Callback callback, int status, Object body) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            org.eclipse.jetty.io.Content.Sink.write(response, true, JSON.writeValueAsString(body) + "\n", callback);
            return true;
        }

        private static boolean error(Response response, Callback callback, int status, String message) throws IOException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            return json(response, callback, status, body);
        }
    }
}
