package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.UpstreamProxy;
import org.eclipse.jetty.client.ContentSourceRequestContent;
import org.eclipse.jetty.client.ContinueProtocolHandler;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Forwards a proxy upstream's unrouted requests to its real dependency ({@code upstreams.NAME.proxy})
 * with Jetty's {@link HttpClient}: the request's path is appended to the dependency's base path, the
 * body streams through as the client sends it, hop-by-hop fields stay behind ({@link HopByHop}),
 * {@code Via} and {@code X-Forwarded-For/-Proto/-Host} are added, and {@code Host} names the
 * dependency unless {@code preserve-host} keeps the client's.
 *
 * <p>The client is configured as a transparent hop: no redirects followed, no cookies kept, no
 * {@code User-Agent} or {@code Accept-Encoding} of its own, no content decoding (bodies pass byte for
 * byte, compressed or not), and of the protocol handlers only {@code 100-continue}, so a client's
 * {@code Expect: 100-continue} is honoured end to end. Threadsafe.
 */
public final class ProxyForwarder implements AutoCloseable {
    private static final String VIA = "1.1 faultline";
    /** How long to wait for the dependency to accept a connection before answering 502. */
    private static final long CONNECT_TIMEOUT_MILLIS = 5_000;
    /** How long a forwarded exchange may be silent; the dependency's own slowness is what is being tested, so it is generous. */
    private static final long IDLE_TIMEOUT_MILLIS = 120_000;

    private final String upstream;
    private final URI base;
    private final String basePath;
    private final boolean preserveHost;
    private final boolean tlsFront;
    private final HttpClient client;

    private ProxyForwarder(String upstream, URI base, boolean preserveHost, boolean tlsFront, HttpClient client) {
        this.upstream = upstream;
        this.base = base;
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.preserveHost = preserveHost;
        this.tlsFront = tlsFront;
        this.client = client;
    }

    /**
     * Starts the client for a proxy upstream.
     *
     * @param tlsFront the upstream itself speaks TLS (so {@code X-Forwarded-Proto} is https)
     * @throws IllegalArgumentException if the url is not an absolute http or https URL
     */
    public static ProxyForwarder start(String upstream, UpstreamProxy proxy, boolean tlsFront) {
        URI base = parse(upstream, proxy.url());
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        HttpClient client = new HttpClient(new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector));
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("faultline-proxy-" + upstream);
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        client.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        client.setMaxConnectionsPerDestination(4096);
        client.setMaxRequestsQueuedPerDestination(65536);
        client.getProtocolHandlers().clear();
        client.getProtocolHandlers().put(new ContinueProtocolHandler());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("proxy upstream " + upstream + ": the HTTP client did not start: " + e.getMessage(), e);
        }
        // After start: a client started with no decoders fills them from the compression modules on the
        // class path (gzip, ...), and would then decode a gzip body and drop its Content-Encoding.
        client.getContentDecoderFactories().clear();
        return new ProxyForwarder(upstream, base, proxy.preserveHost(), tlsFront, client);
    }

    /** The dependency's url as an absolute http(s) URI, or a message that says how to write it. */
    public static URI parse(String upstream, String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upstream " + upstream + ": proxy " + url + " is not a URL ("
                    + e.getMessage() + "); write it like http://127.0.0.1:8080 or https://payments.staging/api");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("upstream " + upstream + ": proxy " + url + " is not an absolute http"
                    + " or https URL; write it like http://127.0.0.1:8080 or https://payments.staging/api");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("upstream " + upstream + ": proxy " + url + " has a query or fragment;"
                    + " give only scheme, host, port and base path");
        }
        return uri;
    }

    /** The dependency's url, as started. */
    public URI base() {
        return base;
    }

    /** The forwarded request for {@code request}, its body streaming from the client's (not sent yet). */
    org.eclipse.jetty.client.Request forward(Request request) {
        String path = request.getHttpURI().getPath();
        String query = request.getHttpURI().getQuery();
        URI target = URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath
                + (path == null || path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query));
        org.eclipse.jetty.client.Request forwarded = client.newRequest(target).method(request.getMethod());
        HttpFields in = request.getHeaders();
        Set<String> named = HopByHop.named(in);
        String host = in.get(HttpHeader.HOST);
        String via = null;
        String forwardedFor = null;
        HttpFields.Mutable out = HttpFields.build(in.size() + 4);
        for (HttpField field : in) {
            HttpHeader header = field.getHeader();
            if (HopByHop.is(field, named) || header == HttpHeader.CONTENT_LENGTH || header == HttpHeader.HOST) {
                continue;
            }
            if (header == HttpHeader.VIA) {
                via = via == null ? field.getValue() : via + ", " + field.getValue();
                continue;
            }
            if (field.is("X-Forwarded-For")) {
                forwardedFor = forwardedFor == null ? field.getValue() : forwardedFor + ", " + field.getValue();
                continue;
            }
            if (field.is("X-Forwarded-Proto") || field.is("X-Forwarded-Host")) {
                continue;
            }
            out.add(field);
        }
        String clientAddress = Request.getRemoteAddr(request);
        out.add(HttpHeader.VIA, via == null ? VIA : via + ", " + VIA);
        out.add("X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        out.add("X-Forwarded-Proto", tlsFront ? "https" : "http");
        if (host != null) {
            out.add("X-Forwarded-Host", host);
            if (preserveHost) {
                out.add(HttpHeader.HOST, host);
            }
        }
        forwarded.headers(headers -> {
            headers.clear();
            headers.add(out);
        });
        if (hasBody(request)) {
            forwarded.body(new ContentSourceRequestContent(request, in.get(HttpHeader.CONTENT_TYPE)));
        }
        return forwarded.idleTimeout(IDLE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** True when the request has a body to stream: a declared length above 0, or a chunked one. */
    static boolean hasBody(Request request) {
        HttpFields headers = request.getHeaders();
        long length = headers.getLongField(HttpHeader.CONTENT_LENGTH);
        return length > 0 || headers.contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** Where this upstream forwards, for messages. */
    String describe() {
        return base.toString();
    }

    String upstream() {
        return upstream;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("proxy upstream " + upstream + ": the HTTP client did not stop cleanly: "
                    + e.getMessage(), e);
        }
    }
}
