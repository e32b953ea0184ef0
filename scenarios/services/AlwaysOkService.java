import com.sun.net.httpserver.HttpExchange;
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

/**
 * A service whose health endpoints always answer 200, a common bug: the readiness check does look at
 * the dependency and writes what it found into the application/health+json body ("fail"), but the
 * HTTP status is never mapped from it, and load balancers and Kubernetes read only the status.
 * <ul>
 *   <li>GET /work calls its dependency (GET /data, 1 s timeout): 200 when it answers 2xx, else 503;</li>
 *   <li>GET /health/ready checks the dependency like the honest service, and answers 200 whatever it found;</li>
 *   <li>GET /health/live answers 200 from the process alone.</li>
 * </ul>
 *
 * <p>Env: PORT, DEPENDENCY_URL (required). Run: java AlwaysOkService.java
 */
public class AlwaysOkService {
    private static final Duration WORK_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(300);
    private static final long CACHE_NANOS = 500_000_000L;

    private static HttpClient http;
    private static String dependency;
    private static long checkedAt;
    private static boolean checkedOnce;
    private static boolean lastCheckPassed;

    public static void main(String[] args) throws IOException {
        dependency = System.getenv("DEPENDENCY_URL");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CHECK_TIMEOUT).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/work", exchange -> {
            boolean ok = dependencyAnswers("/data", WORK_TIMEOUT);
            send(exchange, ok ? 200 : 503, "text/plain", ok ? "done" : "dependency unavailable");
        });
        server.createContext("/health/ready", exchange -> {
            boolean ready = readinessCheck();
            send(exchange, 200, "application/health+json",
                    ready ? "{\"status\":\"pass\"}" : "{\"status\":\"fail\",\"output\":\"dependency check failed\"}");
        });
        server.createContext("/health/live", exchange -> send(exchange, 200, "application/health+json", "{\"status\":\"pass\"}"));
        server.start();
        System.out.println("always-ok service started on port " + port);
    }

    /** The dependency check, at most once per 500 ms whatever the probe rate. */
    private static synchronized boolean readinessCheck() {
        long now = System.nanoTime();
        if (!checkedOnce || now - checkedAt >= CACHE_NANOS) {
            lastCheckPassed = dependencyAnswers("/health", CHECK_TIMEOUT);
            checkedAt = System.nanoTime();
            checkedOnce = true;
        }
        return lastCheckPassed;
    }

    private static boolean dependencyAnswers(String path, Duration timeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(dependency + path)).timeout(timeout).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
