package dev.faultline.upstream.internal;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A prepared response changed for one request by a fault that rewrites what the route answers
 * (drift's body, deprecate's header fields), leaving the route's own response untouched.
 */
final class RewrittenResponse {
    private RewrittenResponse() {
    }

    /** The first value of a header field of the response, or {@code null}. */
    static String header(PreparedResponse response, String name) {
        for (HttpField field : response.fields()) {
            if (field.is(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** A copy of the response's body bytes. */
    static byte[] body(PreparedResponse response) {
        ByteBuffer body = response.body();
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return bytes;
    }

    /** The same status and fields with another body (and its own {@code Content-Length}). */
    static PreparedResponse withBody(PreparedResponse response, byte[] body) {
        List<HttpField> fields = new ArrayList<>(Arrays.asList(response.fields()));
        fields.removeIf(field -> field.is(HttpHeader.CONTENT_LENGTH.asString()));
        return PreparedResponse.of(response.status(), fields, body);
    }

    /** The same response with more header fields. */
    static PreparedResponse withFields(PreparedResponse response, List<HttpField> extra) {
        List<HttpField> fields = new ArrayList<>(Arrays.asList(response.fields()));
        fields.addAll(extra);
        return PreparedResponse.of(response.status(), fields, body(response));
    }

    /** Header fields from name and value pairs. */
    static List<HttpField> fields(List<Map.Entry<String, String>> pairs) {
        return pairs.stream().map(p -> new HttpField(p.getKey(), p.getValue())).toList();
    }
}
