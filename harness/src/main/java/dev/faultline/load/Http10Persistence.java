package dev.faultline.load;

import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

import java.io.IOException;
import java.util.Locale;

/**
 * HTTP/1.0's persistence rule, which OkHttp does not apply (it honours {@code Connection: close} only):
 * an HTTP/1.0 response without {@code Connection: keep-alive} means the server closes the connection
 * after it (RFC 9112 §9.3), so the connection must not be used again. Python's {@code http.server}
 * answers this way and closes; reusing its connections made about half the requests fail.
 *
 * <p>A network interceptor cannot take a connection out of OkHttp's pool through the public API, so it
 * half-closes the socket's output: the response is still read whole, and the pool, which checks
 * {@code isOutputShutdown} before handing a connection out, drops it. A TLS socket cannot be half-closed;
 * there a reuse that fails is resent instead ({@link StaleConnection}).
 */
final class Http10Persistence implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Connection connection = chain.connection();
        if (connection != null && response.protocol() == Protocol.HTTP_1_0 && !keepAlive(response)) {
            try {
                connection.socket().shutdownOutput();
            } catch (UnsupportedOperationException | IOException e) {
                // TLS, or already closed: the resend rule covers a reuse of it
            }
        }
        return response;
    }

    static boolean keepAlive(Response response) {
        return hasOption(response.headers("Connection"), "keep-alive");
    }

    /** True when one of the {@code Connection} field values lists {@code option} (case-insensitive). */
    static boolean hasOption(Iterable<String> connectionValues, String option) {
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                if (token.trim().toLowerCase(Locale.ROOT).equals(option)) {
                    return true;
                }
            }
        }
        return false;
    }
}
