package dev.faultline.junit5;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Retrying clients written the way applications write them, with the JDK's HttpClient. */
final class Clients {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Clients() {
    }

    /** Retries every failure at once, up to {@code maxAttempts} attempts: the retry storm. */
    static int impatient(String url, int maxAttempts) throws IOException, InterruptedException {
        String callId = UUID.randomUUID().toString();
        int status = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            status = send(url, callId).statusCode();
            if (status < 500) {
                return status;
            }
        }
        return status;
    }

    /** One retry at most, after the Retry-After the server asked for (else 200 ms). */
    static int polite(String url) throws IOException, InterruptedException {
        String callId = UUID.randomUUID().toString();
        HttpResponse<Void> first = send(url, callId);
        if (first.statusCode() < 500) {
            return first.statusCode();
        }
        long waitMillis = first.headers().firstValue("Retry-After").map(s -> Long.parseLong(s) * 1000).orElse(200L);
        Thread.sleep(waitMillis); // the client's own backoff, not a test's wait
        return send(url, callId).statusCode();
    }

    /** Retries any status of 400 and above at once, up to {@code maxAttempts} attempts: retries what cannot succeed. */
    static int retriesEverything(String url, int maxAttempts) throws IOException, InterruptedException {
        String callId = UUID.randomUUID().toString();
        int status = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            status = send(url, callId).statusCode();
            if (status < 400) {
                return status;
            }
        }
        return status;
    }

    /** One attempt with one extra request header. */
    static HttpResponse<Void> getWith(String url, String header, String value) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    static int get(String url) throws IOException, InterruptedException {
        return send(url, UUID.randomUUID().toString()).statusCode();
    }

    /** One attempt, carrying the call's id as X-Request-Id (the same on every attempt of a call). */
    static HttpResponse<Void> send(String url, String callId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("X-Request-Id", callId).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
