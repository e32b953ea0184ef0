import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that balances on its own: a plain round robin over every instance of a pool, the way a
 * hand-written client or a naive client-side balancer does it. It never leaves out an instance that
 * fails, so a failing instance keeps getting its share.
 *
 * <p>Env: UPSTREAM_URLS (required: base urls separated by spaces, e.g. ${upstreams.api.urls}),
 * REQUEST_PATH (default /work), REQUESTS_PER_SECOND (default 20).
 * Run: java RoundRobinClient.java
 */
public class RoundRobinClient {
    public static void main(String[] args) throws Exception {
        String urls = System.getenv("UPSTREAM_URLS");
        if (urls == null || urls.isBlank()) {
            System.err.println("UPSTREAM_URLS is not set (base urls separated by spaces)");
            System.exit(2);
        }
        String path = System.getenv().getOrDefault("REQUEST_PATH", "/work");
        double perSecond = Double.parseDouble(System.getenv().getOrDefault("REQUESTS_PER_SECOND", "20"));
        List<URI> instances = new ArrayList<>();
        for (String url : urls.trim().split("\\s+")) {
            instances.add(URI.create(url + path));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long pauseNanos = (long) (1e9 / perSecond);
        System.out.println("client started: round robin over " + instances);
        long next = System.nanoTime();
        for (long n = 0; ; n++) {
            URI target = instances.get((int) (n % instances.size()));
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(2)).GET().build();
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                // a failed instance is simply next again after the others: plain round robin has no memory
            }
            // A fixed schedule, not a pause after each answer, so a slow instance does not slow the others' share.
            next += pauseNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }
}
