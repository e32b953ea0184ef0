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
    private final int status;
    private final HttpField[] fields;
    private final ByteBuffer body;
    private final String retryAfter;

    private PreparedResponse(int status, HttpField[] fields, ByteBuffer body, String retryAfter) {
        this.status = status;
        this.fields = fields;
        this.body = body;
        this.retryAfter = retryAfter;
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
        if (respond.header(HttpHeader.CONTENT_LENGTH.asString()) == null) {
            fields.add(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, respond.body().length));
        }
        ByteBuffer body = respond.body().length == 0
                ? BufferUtil.EMPTY_BUFFER
                : ByteBuffer.wrap(respond.body().clone()).asReadOnlyBuffer();
        return new PreparedResponse(respond.status(), fields.toArray(new HttpField[0]), body,
                respond.header(HttpHeader.RETRY_AFTER.asString()));
    }

    /**
     * Writes the whole response; {@code callback} completes when the write does.
     *
     * @param closeConnection add {@code Connection: close} so the connection ends after it
     */
    public void writeTo(Response response, Callback callback, boolean closeConnection) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        for (HttpField field : fields) {
            headers.add(field);
        }
        if (closeConnection) {
            headers.put(HttpFields.CONNECTION_CLOSE);
        }
        // A slice per write: each write consumes its buffer's position, the prepared one is shared.
        response.write(true, body.hasRemaining() ? body.slice() : body, callback);
    }

    public int status() {
        return status;
    }

    /** Body bytes a complete write sends. */
    public int bodyLength() {
        return body.remaining();
    }

    /** The {@code Retry-After} value this response sends, or {@code null}. */
    public String retryAfter() {
        return retryAfter;
    }
}
