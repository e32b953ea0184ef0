import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that shuts down gracefully on SIGTERM, the way Kubernetes and Spring Boot ask:
 * <ul>
 *   <li>GET /work calls its dependency (GET /data, 5 s timeout): 200 when it answers 2xx, else 503;</li>
 *   <li>GET /health/ready answers 200 while it serves, 503 from the moment it is told to stop;</li>
 *   <li>GET /health/live answers 200.</li>
 * </ul>
 * On SIGTERM (a JVM shutdown hook):
 * <ol>
 *   <li>readiness fails at once, and for {@code READINESS_GRACE} requests are still served, so a load
 *       balancer that watches readiness stops sending before the door closes;</li>
 *   <li>then it stops accepting: the listening socket is closed (new connections are refused), and a
 *       request that still arrives on an open keep-alive connection is answered 503 with
 *       {@code Connection: close};</li>
 *   <li>it waits for every request it accepted to finish, including its call to the dependency
 *       (at most {@code DRAIN_TIMEOUT}); every response from then on carries {@code Connection: close};</li>
 *   <li>it exits 0.</li>
 * </ol>
 *
 * <p>Env: PORT, DEPENDENCY_URL (required). Run: java GracefulService.java
 */
public class GracefulService {
    private static final Duration WORK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READINESS_GRACE = Duration.ofMillis(300);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

    private static final AtomicInteger inFlight = new AtomicInteger();
    private static volatile boolean stopping;
    private static volatile boolean closed;
    private static HttpClient http;
    private static String dependency;

    public static void main(String[] args) throws IOException {
        dependency = System.getenv("DEPENDENCY_URL");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WORK_TIMEOUT).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/work", accepted(exchange -> {
            boolean ok = dependencyAnswers("/data");
            send(exchange, ok ? 200 : 503, ok ? "done" : "dependency unavailable");
        }));
        server.createContext("/health/ready", exchange -> send(exchange, stopping ? 503 : 200, stopping ? "stopping" : "ready"));
        server.createContext("/health/live", exchange -> send(exchange, 200, "alive"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(server), "graceful-shutdown"));
        server.start();
        System.out.println("graceful service started on port " + port);
    }

    /** Counts the requests it accepted; once closed, declines new ones with 503 and Connection: close. */
    private static HttpHandler accepted(HttpHandler work) {
        return exchange -> {
            if (closed) {
                send(exchange, 503, "shutting down");
                return;
            }
            inFlight.incrementAndGet();
            try {
                work.handle(exchange);
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }

    private static void shutDown(HttpServer server) {
        long start = System.nanoTime();
        stopping = true;
        log("SIGTERM: readiness fails now; " + inFlight.get() + " requests in flight");
        sleep(READINESS_GRACE.toMillis());
        closed = true;
        // stop() closes the listening socket at once, then waits for exchanges; this thread does the waiting itself.
        Thread stopper = new Thread(() -> server.stop((int) DRAIN_TIMEOUT.toSeconds()), "http-stop");
        stopper.setDaemon(true);
        stopper.start();
        log("stopped accepting; waiting for " + inFlight.get() + " requests in flight");
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
        int left = inFlight.get();
        log((left == 0 ? "drained" : "gave up with " + left + " requests in flight") + " after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms; exiting " + (left == 0 ? 0 : 1));
        // A shutdown hook may halt: it sets the exit status instead of the signal's 143.
        Runtime.getRuntime().halt(left == 0 ? 0 : 1);
    }

    private static boolean dependencyAnswers(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(dependency + path)).timeout(WORK_TIMEOUT).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        if (stopping) {
            // HTTP/1.1 drain: the client must not send another request on this connection.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
