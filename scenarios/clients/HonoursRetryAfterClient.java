import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that shares a rate-limited dependency politely: it sends RATE requests a second, and when
 * it is refused with 429 it stops sending for as long as it was told, plus jitter, then goes on at its
 * rate. "Told" is the Retry-After (delay-seconds or an HTTP-date); without one, the t of a RateLimit
 * policy with r=0 (draft-ietf-httpapi-ratelimit-headers); without either, one second. The jitter is a
 * uniform draw of up to JITTER times the wait, so replicas told the same thing do not all come back
 * together. Requests it would have sent while it waited are dropped, not sent in a burst afterwards.
 *
 * <p>Env: TARGET_URL (required), RATE (requests/s, default 20), JITTER (default 0.2), SEED (default 1;
 * each replica adds its FAULTLINE_REPLICA). Prints "client started" when it begins. Run:
 * {@code java HonoursRetryAfterClient.java}.
 */
public class HonoursRetryAfterClient {
    private static final Pattern REMAINING = Pattern.compile(";\\s*r=(\\d+)");
    private static final Pattern RESET = Pattern.compile(";\\s*t=(\\d+)");

    public static void main(String[] args) throws InterruptedException {
        URI target = URI.create(required("TARGET_URL"));
        long intervalNanos = (long) (1e9 / Double.parseDouble(env("RATE", "20")));
        double jitter = Double.parseDouble(env("JITTER", "0.2"));
        SplittableRandom random = new SplittableRandom(Long.parseLong(env("SEED", "1")) + Long.parseLong(env("FAULTLINE_REPLICA", "0")));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(2)).GET().build();
        System.out.println("client started");
        long next = System.nanoTime();
        while (true) {
            sleepUntil(next);
            HttpResponse<Void> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                next += intervalNanos;
                continue;
            }
            long now = System.nanoTime();
            if (response.statusCode() == 429) {
                long told = told(response).toNanos();
                next = now + told + (long) (random.nextDouble() * jitter * told);
            } else {
                // Keep the pace, but never catch up on requests a slow answer made it miss.
                next = Math.max(next + intervalNanos, now);
            }
        }
    }

    /** How long the 429 said to stay away. */
    static Duration told(HttpResponse<?> response) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(HonoursRetryAfterClient::parseRetryAfter);
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        // RateLimit: "policy";r=0;t=5, ... : the reset of a policy with no quota left.
        for (String policy : response.headers().firstValue("RateLimit").orElse("").split(",")) {
            Matcher remaining = REMAINING.matcher(policy);
            Matcher reset = RESET.matcher(policy);
            if (remaining.find() && Long.parseLong(remaining.group(1)) == 0 && reset.find()) {
                return Duration.ofSeconds(Long.parseLong(reset.group(1)));
            }
        }
        return Duration.ofSeconds(1);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        if (text.matches("[0-9]+")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is required");
            System.exit(2);
        }
        return value;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
