package example.payments;

class OkHttpPaymentsClientTest extends PaymentsClientContract {
    @Override
    PaymentsClient client(String baseUrl, RetryPolicy policy) {
        return new OkHttpPaymentsClient(baseUrl, policy);
    }
}
