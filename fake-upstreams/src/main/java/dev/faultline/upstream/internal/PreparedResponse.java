package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.Respond;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Respond} turned into Jetty header fields and a read-only body buffer once, when the
 * upstream starts or a phase is entered, so answering a request only copies references.
 * Immutable and threadsafe.
 */
public final class PreparedResponse {
    private static final HttpField[] NO_FIELDS = new HttpField[0];
    /** The IETF quota field (draft-ietf-httpapi-ratelimit-headers-10). */
    public static final String RATE_LIMIT = "RateLimit";

    private final int status;
    private final HttpField[] fields;
    private final ByteBuffer body;
    private final String retryAfter;
    private final String rateLimit;

    private PreparedResponse(int status, HttpField[] fields, ByteBuffer body, String retryAfter, String rateLimit) {
        this.status = status;
        this.fields = fields;
        this.body = body;
        this.retryAfter = retryAfter;
        this.rateLimit = rateLimit;
    }

    /**
     * Prepares a response. A {@code Content-Length} is added unless the response names one itself
     * (a scenario may lie about the length on purpose).
     */
    public static PreparedResponse of(Respond respond) {
        List<HttpField> fields = new ArrayList<>(respond.headers().size() + 1);
        for (Map.Entry<String, String> header : respond.headers().entrySet()) {
            HttpHeader known = HttpHeader.CACHE.get(header.getKey());
            fields.add(known != null
                    ? new HttpField(known, header.getKey(), header.getValue())
                    : new HttpField(header.getKey(), header.getValue()));
        }
        return of(respond.status(), fields, respond.body());
    }

    /** Prepares a response from fields already built, adding {@code Content-Length} unless named. */
    public static PreparedResponse of(int status, List<HttpField> headerFields, byte[] bodyBytes) {
        List<HttpField> fields = new ArrayList<>(headerFields);
        String retryAfter = null;
        String rateLimit = null;
        boolean hasLength = false;
        for (HttpField field : fields) {
            hasLength |= field.is(HttpHeader.CONTENT_LENGTH.asString());
            if (retryAfter == null && field.is(HttpHeader.RETRY_AFTER.asString())) {
                retryAfter = field.getValue();
            }
            if (rateLimit == null && field.is(RATE_LIMIT)) {
                rateLimit = field.getValue();
            }
        }
        if (!hasLength) {
            fields.add(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, bodyBytes.length));
        }
        ByteBuffer body = bodyBytes.length == 0
                ? BufferUtil.EMPTY_BUFFER
                : ByteBuffer.wrap(bodyBytes.clone()).asReadOnlyBuffer();
        return new PreparedResponse(status, fields.toArray(NO_FIELDS), body, retryAfter, rateLimit);
    }

    /**
     * Writes the whole response; {@code callback} completes when the write does.
     *
     * @param extra           fields to add (a rate limit's quota), or {@code null}
     * @param closeConnection add {@code Connection: close} so the connection ends after it
     */
    public void writeTo(Response response, HttpField[] extra, Callback callback, boolean closeConnection) {
        writeHead(response, extra, closeConnection);
        response.write(true, body(), callback);
    }

    /** Sets the status and header fields without writing anything (the body faults write their own way). */
    public void writeHead(Response response, HttpField[] extra, boolean closeConnection) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        for (HttpField field : fields) {
            headers.add(field);
        }
        if (extra != null) {
            for (HttpField field : extra) {
                headers.add(field);
            }
        }
        if (closeConnection) {
            headers.put(HttpFields.CONNECTION_CLOSE);
        }
    }

    /** The body as a buffer of its own: each write consumes its buffer's position, the prepared one is shared. */
    public ByteBuffer body() {
        return body.hasRemaining() ? body.slice() : body;
    }

    public int status() {
        return status;
    }

    /** The header fields, in order; callers must not modify the array. */
    public HttpField[] fields() {
        return fields;
    }

    /** Body bytes a complete write sends. */
    public int bodyLength() {
        return body.remaining();
    }

    /** The {@code Retry-After} value this response sends, or {@code null}. */
    public String retryAfter() {
        return retryAfter;
    }

    /** The {@code RateLimit} value this response sends, or {@code null}. */
    public String rateLimit() {
        return rateLimit;
    }
}
