package dev.faultline.load;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The bytes of one kind of load request to one replica for one stream, as the event-loop engine writes
 * them: the same request OkHttp sends for it (the url as {@link HttpUrl} encodes it, {@code Host},
 * {@code Connection: Keep-Alive} and {@code Accept-Encoding: gzip} unless the mix sets them, the mix's and
 * the stream's headers, {@code User-Agent: faultline-load}, and the body with its {@code Content-Type} and
 * {@code Content-Length}). Everything but the two per-request ids is encoded once; {@link #encode} adds
 * those and the body.
 */
final class Http1RequestHead {
    /** Set per request by the driver, so never taken from the mix. */
    private static final Set<String> REPLACED = Set.of("x-request-id", "traceparent", "user-agent", "content-length",
            "transfer-encoding");

    private final byte[] prefix;
    private final byte[] body;

    private Http1RequestHead(byte[] prefix, byte[] body) {
        this.prefix = prefix;
        this.body = body;
    }

    static Http1RequestHead of(RequestMix.Kind kind, int stream, int replica) {
        HttpUrl url = kind.urlByReplica[replica];
        Headers headers = kind.headersByStream[stream];
        byte[] body = kind.body == null ? null : bytes(kind.body);
        MediaType type = kind.body == null ? null : kind.body.contentType();
        StringBuilder head = new StringBuilder(256);
        head.append(kind.method).append(' ').append(url.encodedPath());
        if (url.encodedQuery() != null) {
            head.append('?').append(url.encodedQuery());
        }
        head.append(" HTTP/1.1\r\n");
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String lower = name.toLowerCase(Locale.ROOT);
            if (REPLACED.contains(lower) || lower.equals("content-type") && type != null) {
                continue;
            }
            head.append(name).append(": ").append(headers.value(i)).append("\r\n");
        }
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (headers.get("Host") == null) {
            boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
            String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
            head.append("Host: ").append(host).append(defaultPort ? "" : ":" + url.port()).append("\r\n");
        }
        if (headers.get("Connection") == null) {
            head.append("Connection: Keep-Alive\r\n");
        }
        if (headers.get("Accept-Encoding") == null && headers.get("Range") == null) {
            head.append("Accept-Encoding: gzip\r\n");
        }
        head.append("User-Agent: faultline-load\r\n");
        return new Http1RequestHead(head.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    private static byte[] bytes(RequestBody body) {
        try (Buffer buffer = new Buffer()) {
            body.writeTo(buffer);
            return buffer.readByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole request: the prepared head, this request's ids, the end of the head, and the body. */
    byte[] encode(String requestId, String traceparent) {
        byte[] ids = ("X-Request-Id: " + requestId + "\r\ntraceparent: " + traceparent + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        int bodyLength = body == null ? 0 : body.length;
        byte[] request = new byte[prefix.length + ids.length + bodyLength];
        System.arraycopy(prefix, 0, request, 0, prefix.length);
        System.arraycopy(ids, 0, request, prefix.length, ids.length);
        if (body != null) {
            System.arraycopy(body, 0, request, prefix.length + ids.length, bodyLength);
        }
        return request;
    }
}
