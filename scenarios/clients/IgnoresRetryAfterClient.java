import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client that ignores rate limiting: it sends RATE requests a second whatever the answer. A 429 is
 * just another failed request to it; its Retry-After and RateLimit fields are never read. Against a
 * limit it still gets only what the limit allows, but it keeps knocking while it was asked to wait,
 * and at a limit it shares it crowds out clients that do wait.
 *
 * <p>Env: TARGET_URL (required), RATE (requests/s, default 20). Prints "client started" when it
 * begins. Run: {@code java IgnoresRetryAfterClient.java}.
 */
public class IgnoresRetryAfterClient {
    public static void main(String[] args) throws InterruptedException {
        String url = System.getenv("TARGET_URL");
        if (url == null || url.isBlank()) {
            System.err.println("TARGET_URL is required");
            System.exit(2);
        }
        String rate = System.getenv("RATE");
        long intervalNanos = (long) (1e9 / Double.parseDouble(rate == null || rate.isBlank() ? "20" : rate));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        System.out.println("client started");
        long next = System.nanoTime();
        while (true) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // a failure like any other: on to the next request
            }
            next = Math.max(next + intervalNanos, System.nanoTime());
        }
    }
}
