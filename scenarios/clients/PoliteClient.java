import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A checkout client that retries the way the SRE book and AWS's Builders' Library ask:
 * <ul>
 *   <li>at most 3 attempts per call;</li>
 *   <li>capped exponential backoff with full jitter: sleep uniform(0, min(cap, base * 2^n));</li>
 *   <li>honours Retry-After (delta-seconds or HTTP-date) by waiting at least that long;</li>
 *   <li>a retry budget: a token bucket that every first attempt refills by 0.1 and every retry
 *       drains by 1, so in a long outage retries settle near 10 % of calls.</li>
 * </ul>
 * POSTs carry an Idempotency-Key, so a retry cannot charge twice; every attempt of a call carries the
 * same X-Request-Id, so faultline can count attempts per call.
 *
 * <p>Env: PAYMENTS_URL (required), CALLS_PER_SECOND (default 5). Run: java PoliteClient.java
 */
public class PoliteClient {
    private static final int MAX_ATTEMPTS = 3;
    private static final long BASE_MILLIS = 100;
    private static final long CAP_MILLIS = 2_000;
    private static final double BUDGET_MAX = 3.0;
    private static final double BUDGET_REFILL = 0.1;

    private static double budget = BUDGET_MAX;

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
            call(http, charge);
            Thread.sleep(pauseMillis);
        }
    }

    private static void call(HttpClient http, URI charge) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        budget = Math.min(BUDGET_MAX, budget + BUDGET_REFILL);
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(charge)
                    .timeout(Duration.ofSeconds(2))
                    .header("X-Request-Id", requestId)
                    .header("Idempotency-Key", requestId)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"cart\":1}"))
                    .build();
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 500 && status != 429 && status != 408) {
                    return;
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(PoliteClient::parseRetryAfter);
            } catch (java.io.IOException e) {
                // connection-level failure: retryable like a 503
            }
            if (attempt >= MAX_ATTEMPTS || budget < 1.0) {
                System.out.println("call " + requestId + " gave up after " + attempt + " attempts (budget "
                        + String.format("%.1f", budget) + ")");
                return;
            }
            budget -= 1.0;
            long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << attempt);
            long sleep = ThreadLocalRandom.current().nextLong(ceiling + 1);
            if (retryAfter.isPresent()) {
                sleep = Math.max(sleep, retryAfter.get().toMillis());
            }
            Thread.sleep(sleep);
        }
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(ZonedDateTime.now(at.getZone()), at)).filter(d -> !d.isNegative());
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }
}
