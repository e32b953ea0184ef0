package example.payments;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/** {@link PaymentsClient} on OkHttp, with the retry loop in the application (OkHttp itself retries only connection failures). */
public final class OkHttpPaymentsClient implements PaymentsClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private final OkHttpClient http;
    private final String baseUrl;
    private final RetryPolicy policy;

    public OkHttpPaymentsClient(String baseUrl, RetryPolicy policy) {
        this.baseUrl = baseUrl;
        this.policy = policy;
        // no silent retries underneath ours: they would be attempts our policy does not count
        this.http = new OkHttpClient.Builder().retryOnConnectionFailure(false).callTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public int pay(String orderId) throws IOException, InterruptedException {
        String callId = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            Request request = new Request.Builder().url(baseUrl + "/pay").header("X-Request-Id", callId).header("Idempotency-Key", callId)
                    .post(RequestBody.create("{\"order\":\"" + orderId + "\"}", JSON)).build();
            int status;
            String retryAfter;
            try (Response response = http.newCall(request).execute()) {
                status = response.code();
                retryAfter = response.header("Retry-After");
            } catch (IOException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw e;
                }
                Thread.sleep(policy.waitMillis(attempt, java.util.OptionalLong.empty()));
                continue;
            }
            if (!policy.retryable(status) || attempt >= policy.maxAttempts()) {
                return status;
            }
            Thread.sleep(policy.waitMillis(attempt, RetryPolicy.retryAfter(retryAfter)));
        }
    }
}
