import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A client that retries by one of the common policy families, chosen by the environment, so that
 * faultline's retry analysis can be shown (and tested) to recognise each of them.
 *
 * <p>Every WAVE_EVERY_MS it starts CALLS_PER_WAVE calls at once (calls that fail together), each with
 * its own X-Request-Id sent on every attempt. A call retries a 5xx, 408, 429 or a connection failure
 * up to MAX_ATTEMPTS attempts in all, sleeping before retry n (n = 1, 2, ...), with
 * {@code v = min(CAP_MS, BASE_MS * 2^(n-1))}:
 * <ul>
 *   <li>{@code none}: 0 (immediate retries: a storm);</li>
 *   <li>{@code constant}: BASE_MS;</li>
 *   <li>{@code exponential}: v (no jitter);</li>
 *   <li>{@code full-jitter}: uniform(0, v);</li>
 *   <li>{@code equal-jitter}: v/2 + uniform(0, v/2);</li>
 *   <li>{@code decorrelated}: min(CAP_MS, uniform(BASE_MS, 3 * previous sleep)), the first previous being BASE_MS;</li>
 *   <li>{@code budgeted}: full jitter, and a retry budget shared by all calls: a token bucket of
 *       BUDGET_TOKENS that each call refills by BUDGET_REFILL and each retry drains by 1; no token,
 *       no retry (so in a long outage retries settle near BUDGET_REFILL per call).</li>
 * </ul>
 * With HONOR_RETRY_AFTER (default true) a retry waits at least the Retry-After of the response.
 *
 * <p>Env: TARGET_URL (required), POLICY (default exponential), BASE_MS (100), CAP_MS (2000),
 * MAX_ATTEMPTS (4), CALLS_PER_WAVE (10), WAVE_EVERY_MS (1000), METHOD (GET or POST), IDEMPOTENCY_KEY
 * (true: POSTs carry one), HONOR_RETRY_AFTER (true), BUDGET_TOKENS (1), BUDGET_REFILL (0.1), SEED (1).
 * Prints "client started" when it begins. Run: {@code java RetryPolicyClient.java}.
 */
public class RetryPolicyClient {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI target;
    private final String policy;
    private final long baseMillis;
    private final long capMillis;
    private final int maxAttempts;
    private final String method;
    private final boolean idempotencyKey;
    private final boolean honorRetryAfter;
    private final double budgetMax;
    private final double budgetRefill;
    private final SplittableRandom seeds;
    private double budget;

    RetryPolicyClient(java.util.Map<String, String> env) {
        this.target = URI.create(required(env, "TARGET_URL"));
        this.policy = env.getOrDefault("POLICY", "exponential");
        this.baseMillis = Long.parseLong(env.getOrDefault("BASE_MS", "100"));
        this.capMillis = Long.parseLong(env.getOrDefault("CAP_MS", "2000"));
        this.maxAttempts = Integer.parseInt(env.getOrDefault("MAX_ATTEMPTS", "4"));
        this.method = env.getOrDefault("METHOD", "GET").toUpperCase(Locale.ROOT);
        this.idempotencyKey = Boolean.parseBoolean(env.getOrDefault("IDEMPOTENCY_KEY", "true"));
        this.honorRetryAfter = Boolean.parseBoolean(env.getOrDefault("HONOR_RETRY_AFTER", "true"));
        this.budgetMax = Double.parseDouble(env.getOrDefault("BUDGET_TOKENS", "1"));
        this.budgetRefill = Double.parseDouble(env.getOrDefault("BUDGET_REFILL", "0.1"));
        long seed = Long.parseLong(env.getOrDefault("SEED", "1")) * 31 + Long.parseLong(env.getOrDefault("FAULTLINE_REPLICA", "0"));
        this.seeds = new SplittableRandom(seed);
        this.budget = budgetMax;
        if (!java.util.List.of("none", "constant", "exponential", "full-jitter", "equal-jitter", "decorrelated", "budgeted")
                .contains(policy)) {
            throw new IllegalArgumentException("POLICY " + policy + " is not one of none, constant, exponential, full-jitter,"
                    + " equal-jitter, decorrelated, budgeted");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        java.util.Map<String, String> env = System.getenv();
        RetryPolicyClient client = new RetryPolicyClient(env);
        int callsPerWave = Integer.parseInt(env.getOrDefault("CALLS_PER_WAVE", "10"));
        long waveEvery = Long.parseLong(env.getOrDefault("WAVE_EVERY_MS", "1000"));
        ExecutorService calls = Executors.newCachedThreadPool();
        ScheduledExecutorService waves = Executors.newSingleThreadScheduledExecutor();
        System.out.println("client started: " + client.policy + " " + client.method + " " + client.target);
        waves.scheduleAtFixedRate(() -> {
            for (int i = 0; i < callsPerWave; i++) {
                SplittableRandom random = client.split();
                calls.execute(() -> client.call(random));
            }
        }, 0, waveEvery, TimeUnit.MILLISECONDS);
        Thread.currentThread().join();
    }

    private synchronized SplittableRandom split() {
        return seeds.split();
    }

    private void call(SplittableRandom random) {
        String requestId = UUID.randomUUID().toString();
        refill();
        long previousSleep = baseMillis;
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> retryAfter;
            try {
                HttpResponse<Void> response = http.send(request(requestId), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status < 500 && status != 408 && status != 429) {
                    return;
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(RetryPolicyClient::parseRetryAfter);
            } catch (IOException e) {
                retryAfter = Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt >= maxAttempts || !mayRetry()) {
                return;
            }
            long sleep = sleepBefore(attempt, previousSleep, random);
            previousSleep = sleep;
            if (honorRetryAfter && retryAfter.isPresent()) {
                sleep = Math.max(sleep, retryAfter.get().toMillis());
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private HttpRequest request(String requestId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(2)).header("X-Request-Id", requestId);
        if (method.equals("POST")) {
            if (idempotencyKey) {
                builder.header("Idempotency-Key", requestId);
            }
            return builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build();
        }
        return builder.GET().build();
    }

    /** The sleep before retry {@code n} (from 1), by the policy. */
    private long sleepBefore(int n, long previousSleep, SplittableRandom random) {
        long v = Math.min(capMillis, baseMillis << Math.min(n - 1, 30));
        switch (policy) {
            case "none":
                return 0;
            case "constant":
                return baseMillis;
            case "exponential":
                return v;
            case "equal-jitter":
                return v / 2 + random.nextLong(v / 2 + 1);
            case "decorrelated":
                return Math.min(capMillis, baseMillis + random.nextLong(Math.max(1, previousSleep * 3 - baseMillis + 1)));
            default: // full-jitter, budgeted
                return random.nextLong(v + 1);
        }
    }

    private synchronized void refill() {
        budget = Math.min(budgetMax, budget + budgetRefill);
    }

    private synchronized boolean mayRetry() {
        if (!policy.equals("budgeted")) {
            return true;
        }
        if (budget < 1) {
            return false;
        }
        budget -= 1;
        return true;
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), HTTP_DATE);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String required(java.util.Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set");
            System.exit(2);
        }
        return value;
    }
}
