package dev.faultline.upstream;

import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;

/**
 * What OkHttp sees of one GET: the response (status, headers, the body read whole) or the exception,
 * and how long it took. OkHttp's silent retry on connection failures is off, so each fault shows
 * as the client's first and only attempt meets it.
 */
record OkHttpProbe(int status, Headers headers, String body, IOException failure, long elapsedNanos) {
    static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();

    /** GETs {@code url} with the shared client. */
    static OkHttpProbe get(String url, String... headerPairs) {
        return get(CLIENT, url, headerPairs);
    }

    static OkHttpProbe get(OkHttpClient client, String url, String... headerPairs) {
        Request.Builder request = new Request.Builder().url(url);
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        long start = System.nanoTime();
        int status = -1;
        Headers headers = null;
        try (Response response = client.newCall(request.build()).execute()) {
            status = response.code();
            headers = response.headers();
            String body = response.body().string();
            return new OkHttpProbe(status, headers, body, null, System.nanoTime() - start);
        } catch (IOException e) {
            return new OkHttpProbe(status, headers, null, e, System.nanoTime() - start);
        }
    }

    String header(String name) {
        return headers == null ? null : headers.get(name);
    }
}
