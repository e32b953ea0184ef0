package example.payments;

import java.io.IOException;

/** Pays through the payments service, retrying as its {@link RetryPolicy} says. */
public interface PaymentsClient {

    /**
     * One call: {@code POST /pay}, retried per the policy, every attempt carrying the same X-Request-Id
     * (so the service, and faultline, can tell the attempts of one call apart from new calls).
     *
     * @return the status of the last attempt
     * @throws IOException when the last attempt failed without a response
     */
    int pay(String orderId) throws IOException, InterruptedException;
}
