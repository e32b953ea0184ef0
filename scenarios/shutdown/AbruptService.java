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
 * The same service as GracefulService with nothing done about shutdown: SIGTERM ends the JVM at once
 * (exit 143, 128 + 15). Requests in flight lose their connection mid-way, its own calls to the
 * dependency are abandoned, and readiness never says it is going.
 * <ul>
 *   <li>GET /work calls its dependency (GET /data, 5 s timeout): 200 when it answers 2xx, else 503;</li>
 *   <li>GET /health/ready and GET /health/live answer 200.</li>
 * </ul>
 *
 * <p>Env: PORT, DEPENDENCY_URL (required). Run: java AbruptService.java
 */
public class AbruptService {
    private static final Duration WORK_TIMEOUT = Duration.ofSeconds(5);

    private static HttpClient http;
    private static String dependency;

    public static void main(String[] args) throws IOException {
        dependency = System.getenv("DEPENDENCY_URL");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WORK_TIMEOUT).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/work", exchange -> {
            boolean ok = dependencyAnswers("/data");
            send(exchange, ok ? 200 : 503, ok ? "done" : "dependency unavailable");
        });
        server.createContext("/health/ready", exchange -> send(exchange, 200, "ready"));
        server.createContext("/health/live", exchange -> send(exchange, 200, "alive"));
        server.start();
        System.out.println("abrupt service started on port " + port);
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
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
