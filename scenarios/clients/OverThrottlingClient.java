import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client that throttles itself far more than it is asked to: it sends RATE requests a second, and
 * on every 429 it stops for COOL_DOWN_MS whatever the Retry-After says (a hard-coded "back off for a
 * while"). It never comes back early, but the quota that refills while it sits out goes unused: when
 * the limit's bucket is full before the cool-down ends, what the limit would have allowed is lost.
 *
 * <p>Env: TARGET_URL (required), RATE (requests/s, default 20), COOL_DOWN_MS (default 5000). Prints
 * "client started" when it begins. Run: {@code java OverThrottlingClient.java}.
 */
public class OverThrottlingClient {
    public static void main(String[] args) throws InterruptedException {
        String url = System.getenv("TARGET_URL");
        if (url == null || url.isBlank()) {
            System.err.println("TARGET_URL is required");
            System.exit(2);
        }
        long intervalNanos = (long) (1e9 / Double.parseDouble(env("RATE", "20")));
        long coolDownNanos = Long.parseLong(env("COOL_DOWN_MS", "5000")) * 1_000_000L;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        System.out.println("client started");
        long next = System.nanoTime();
        while (true) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            }
            long now = System.nanoTime();
            next = status == 429 ? now + coolDownNanos : Math.max(next + intervalNanos, now);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
