import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A checkout client with the retry policy nobody admits to: on any failure it retries at once, with
 * no backoff, no cap and no budget. Under an outage it turns every call into a storm.
 *
 * <p>Env: PAYMENTS_URL (required), CALLS_PER_SECOND (default 5). Each logical call carries one
 * X-Request-Id on all its attempts, so faultline can count attempts per call.
 * Run: java NaiveClient.java
 */
public class NaiveClient {
    public static void main(String[] args) throws Exception {
        String base = System.getenv("PAYMENTS_URL");
        if (base == null) {
            System.err.println("PAYMENTS_URL is not set");
            System.exit(2);
        }
        double callsPerSecond = Double.parseDouble(System.getenv().getOrDefault("CALLS_PER_SECOND", "5"));
        long pauseMillis = (long) (1000 / callsPerSecond);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI charge = URI.create(base + "/charge");
        System.out.println("client started: " + charge);
        while (true) {
            String requestId = UUID.randomUUID().toString();
            int attempts = 0;
            while (true) {
                attempts++;
                HttpRequest request = HttpRequest.newBuilder(charge)
                        .timeout(Duration.ofSeconds(2))
                        .header("X-Request-Id", requestId)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"cart\":1}"))
                        .build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() < 500 && response.statusCode() != 429) {
                        break;
                    }
                } catch (java.io.IOException e) {
                    // a failure like any other: try again, right now
                }
            }
            if (attempts > 1) {
                System.out.println("call " + requestId + " succeeded after " + attempts + " attempts");
            }
            Thread.sleep(pauseMillis);
        }
    }
}
