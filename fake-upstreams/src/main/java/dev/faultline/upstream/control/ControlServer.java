package dev.faultline.upstream.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultline.journal.Journal;
import dev.faultline.journal.JournalJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP control API of {@code faultline serve}: status, switch phase, stream the journal, reset.
 *
 * <pre>
 * GET  /status                           the scenario, the phase in force, per-upstream counts (JSON)
 * POST /phase/NAME                       put phase NAME in force and hold it
 * GET  /journal?upstream=NAME&amp;since=2.5&amp;after=SEQ&amp;limit=N
 *                                        the journal as JSON lines, streamed, in pages (all optional)
 * POST /reset                            forget the journal and the counters
 * </pre>
 *
 * It listens on 127.0.0.1 unless told otherwise; bound to any other address it refuses to start
 * without a token, and then every request must carry {@code Authorization: Bearer TOKEN}. Requests
 * a web page may have sent (a foreign {@code Host} or, on a state change, a foreign {@code Origin})
 * are refused with 403 ({@link LocalRequestGuard}).
 * Threadsafe.
 */
public final class ControlServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The sequence number of the page's last event: pass it as {@code after} for the next page. */
    static final String NEXT = "Faultline-Journal-Next";
    /** Whether events after the page were already in the journal when it was read. */
    static final String MORE = "Faultline-Journal-More";
    /** Events between {@code after} and the page that were evicted before they could be read. */
    static final String MISSED = "Faultline-Journal-Missed";
    /** Events the journal has dropped or evicted since it started or was reset. */
    static final String DROPPED = "Faultline-Journal-Dropped";

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
        server.setHandler(new ControlHandler(target, token,
                new LocalRequestGuard(host, connector::getLocalPort, loopback)));
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
        private final LocalRequestGuard guard;

        ControlHandler(ControlTarget target, String token, LocalRequestGuard guard) {
            this.target = target;
            this.guard = guard;
            this.token = token == null || token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Optional<String> refusal = guard.refusal(request.getMethod(), request.getHeaders().get(HttpHeader.HOST),
                    request.getHeaders().get(HttpHeader.ORIGIN));
            if (refusal.isPresent()) {
                return error(response, callback, HttpStatus.FORBIDDEN_403, refusal.get());
            }
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

        /**
         * Streams a page of the journal as JSON lines, in sequence (append) order. The page's end is
         * fixed first (events appended while it streams belong to the next page), so the cursor can
         * go in a header; then the events are serialized a batch at a time, never the whole answer.
         */
        private boolean journal(Request request, Response response, Callback callback) throws IOException {
            JournalQuery query;
            try {
                query = JournalQuery.of(Request.extractQueryParameters(request));
            } catch (IllegalArgumentException e) {
                return error(response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
            }
            Journal journal = target.journal();
            long from = query.after() + 1;
            long first = journal.firstSequence();
            long end = journal.endSequence();
            long[] last = {Math.max(query.after(), Math.min(first, end) - 1)};
            if (query.limit() != Integer.MAX_VALUE) {
                int[] matched = {0};
                journal.forEach(from, end, (sequence, event) -> {
                    last[0] = sequence;
                    return !query.matches(event) || ++matched[0] < query.limit();
                });
                if (matched[0] < query.limit()) {
                    last[0] = Math.max(last[0], end - 1);
                }
            } else {
                last[0] = Math.max(last[0], end - 1);
            }
            long until = last[0] + 1;
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson; charset=utf-8");
            response.getHeaders().put(NEXT, String.valueOf(last[0]));
            response.getHeaders().put(MORE, String.valueOf(until < journal.endSequence()));
            response.getHeaders().put(MISSED, String.valueOf(Math.max(0, first - from)));
            response.getHeaders().put(DROPPED, String.valueOf(journal.dropped()));
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Content.Sink.asOutputStream(response),
                    StandardCharsets.UTF_8), 64 * 1024)) {
                IOException[] failure = {null};
                journal.forEach(from, until, (sequence, event) -> {
                    if (!query.matches(event)) {
                        return true;
                    }
                    try {
                        out.write(JournalJson.toLine(event));
                        out.write('\n');
                        return true;
                    } catch (IOException e) {
                        failure[0] = e; // the client went away
                        return false;
                    }
                });
                if (failure[0] != null) {
                    throw failure[0];
                }
            } catch (IOException e) {
                callback.failed(e);
                return true;
            }
            callback.succeeded();
            return true;
        }

        private static boolean json(Response response, Callback callback, int status, Object body) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, JSON.writeValueAsString(body) + "\n", callback);
            return true;
        }

        private static boolean error(Response response, Callback callback, int status, String message) throws IOException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            return json(response, callback, status, body);
        }
    }
}
