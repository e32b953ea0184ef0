package dev.faultline.upstream.spec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response to send: status, headers in order, and a body (already read from {@code body-file} when
 * the scenario named one).
 *
 * @param status  HTTP status, 100..599
 * @param headers header fields in the order written
 * @param body    body bytes; empty for none
 */
public record Respond(int status, Map<String, String> headers, byte[] body) {
    public Respond {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599 but was " + status);
        }
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A response with the given status, no headers and no body. */
    public static Respond status(int status) {
        return new Respond(status, Map.of(), new byte[0]);
    }

    /** A response with a UTF-8 text body. */
    public static Respond of(int status, Map<String, String> headers, String body) {
        return new Respond(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body bytes; callers must not modify the array. */
    @Override
    public byte[] body() {
        return body;
    }

    /** The value of a header, matched case-insensitively, or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Respond r && r.status == status && r.headers.equals(headers) && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Respond[status=" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
