import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service that reads an order from its dependency and deserializes it with Jackson into records,
 * in one of two styles (env READER):
 * <ul>
 *   <li>{@code tolerant}: a tolerant reader. Unknown members are ignored, an unknown enum value
 *       reads as UNKNOWN, and when the dependency marks the endpoint deprecated (a Deprecation field
 *       with a Link to the successor-version) it moves to the successor for every later call;</li>
 *   <li>{@code brittle}: strict deserialisation (FAIL_ON_UNKNOWN_PROPERTIES, unknown enum values
 *       fail), and deprecation fields are ignored: it calls the old endpoint until it is gone.</li>
 * </ul>
 * GET /order answers 200 with the order's total, or 502 with what went wrong. The load's
 * X-Request-Id is forwarded to the dependency, so the harness can tell which upstream answer broke
 * which request.
 *
 * <p>Env: PORT, DEPENDENCY_URL, ORDER_PATH (default /v1/orders/42), READER (tolerant or brittle).
 * Run: java -cp JACKSON_JARS OrderReaderService.java (a scenario writes -cp ${faultline.classpath}).
 */
public class OrderReaderService {
    enum Status {
        NEW, PAID, SHIPPED, @JsonEnumDefaultValue UNKNOWN
    }

    record Item(String sku, int qty) {
    }

    record Order(long id, Status status, double total, List<Item> items) {
    }

    private static final Pattern SUCCESSOR = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?successor-version\"?");

    private static HttpClient http;
    private static ObjectMapper json;
    private static String dependency;
    private static boolean tolerant;
    private static volatile String orderPath;

    public static void main(String[] args) throws IOException {
        dependency = System.getenv("DEPENDENCY_URL");
        orderPath = System.getenv().getOrDefault("ORDER_PATH", "/v1/orders/42");
        tolerant = System.getenv().getOrDefault("READER", "brittle").equals("tolerant");
        json = tolerant
                ? JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE).build()
                : JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/order", OrderReaderService::order);
        server.createContext("/health", exchange -> send(exchange, 200, "ok"));
        // Deserialize once before answering readiness, so the first measured request is not the JVM's slowest.
        json.readValue("{\"id\":1,\"status\":\"NEW\",\"total\":1,\"items\":[]}", Order.class);
        server.start();
        System.out.println((tolerant ? "tolerant" : "brittle") + " order reader started on port " + port);
    }

    private static void order(HttpExchange exchange) throws IOException {
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        try {
            HttpResponse<String> response = call(orderPath, requestId);
            if (tolerant) {
                response = followSuccessor(response, requestId);
            }
            if (response.statusCode() / 100 != 2) {
                send(exchange, 502, "dependency answered " + response.statusCode());
                return;
            }
            Order order = json.readValue(response.body(), Order.class);
            send(exchange, 200, "order " + order.id() + " " + order.status() + " total " + order.total());
        } catch (IOException e) {
            System.err.println("could not read the order: " + e.getMessage().lines().findFirst().orElse(""));
            send(exchange, 502, "could not read the order: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, "interrupted");
        }
    }

    // A deprecated endpoint that names its successor is left for good; a gone one is retried there once.
    private static HttpResponse<String> followSuccessor(HttpResponse<String> response, String requestId)
            throws IOException, InterruptedException {
        if (response.headers().firstValue("Deprecation").isEmpty()) {
            return response;
        }
        for (String link : response.headers().allValues("Link")) {
            Matcher m = SUCCESSOR.matcher(link);
            if (m.find()) {
                String successor = URI.create(dependency + orderPath).resolve(m.group(1)).getRawPath();
                if (!successor.equals(orderPath)) {
                    System.out.println("deprecated: moving from " + orderPath + " to " + successor);
                    orderPath = successor;
                }
                return response.statusCode() == 410 ? call(orderPath, requestId) : response;
            }
        }
        return response;
    }

    private static HttpResponse<String> call(String path, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dependency + path)).timeout(Duration.ofSeconds(2));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
