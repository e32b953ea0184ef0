package example.payments;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;

/** {@link PaymentsClient} on the JDK's {@link HttpClient}. */
public final class JdkPaymentsClient implements PaymentsClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final RetryPolicy policy;

    public JdkPaymentsClient(String baseUrl, RetryPolicy policy) {
        this.baseUrl = baseUrl;
        this.policy = policy;
    }

    @Override
    public int pay(String orderId) throws IOException, InterruptedException {
        String callId = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/pay")).timeout(Duration.ofSeconds(10))
                .header("X-Request-Id", callId).header("Idempotency-Key", callId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\":\"" + orderId + "\"}")).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<Void> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw e;
                }
                Thread.sleep(policy.waitMillis(attempt, OptionalLong.empty()));
                continue;
            }
            if (!policy.retryable(response.statusCode()) || attempt >= policy.maxAttempts()) {
                return response.statusCode();
            }
            Thread.sleep(policy.waitMillis(attempt, RetryPolicy.retryAfter(response.headers().firstValue("Retry-After").orElse(null))));
        }
    }
}
