package example.payments;

class JdkPaymentsClientTest extends PaymentsClientContract {
    @Override
    PaymentsClient client(String baseUrl, RetryPolicy policy) {
        return new JdkPaymentsClient(baseUrl, policy);
    }
}
