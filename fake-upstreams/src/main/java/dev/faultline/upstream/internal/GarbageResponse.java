package dev.faultline.upstream.internal;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a {@code garbage} answer: a well-formed status line and the route's headers, which
 * declare {@code Transfer-Encoding: chunked}, then random bytes where the chunk framing should be.
 *
 * <p>Why chunked: the client then fails while decoding the body, at once and with a clear error
 * (curl: exit 56, "Malformed encoding found in chunked-encoding"; OkHttp: a
 * {@link java.net.ProtocolException} about the chunk size), rather than reading noise it takes for
 * content. A declared {@code Content-Length} would have made garbage look like truncation, a fault
 * of its own. The connection is closed after the bytes, so even noise that happens to parse as a
 * chunk ends the body early. Stateless.
 */
final class GarbageResponse {
    /** Random bytes sent after the head. */
    static final int NOISE_BYTES = 1024;

    private GarbageResponse() {
    }

    /**
     * @param route the response whose status line and headers are sent
     * @param extra more header fields (a rate limit's quota), or {@code null}
     * @param noise the random bytes
     */
    static ByteBuffer bytes(PreparedResponse route, HttpField[] extra, byte[] noise) {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(route.status()).append(' ').append(HttpStatus.getMessage(route.status())).append("\r\n");
        appendFields(head, route.fields());
        if (extra != null) {
            appendFields(head, extra);
        }
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer bytes = ByteBuffer.allocate(headBytes.length + noise.length);
        bytes.put(headBytes).put(noise).flip();
        return bytes;
    }

    private static void appendFields(StringBuilder head, HttpField[] fields) {
        for (HttpField field : fields) {
            if (field.is(HttpHeader.CONTENT_LENGTH.asString()) || field.is(HttpHeader.TRANSFER_ENCODING.asString())) {
                continue;
            }
            head.append(field.getName()).append(": ").append(field.getValue()).append("\r\n");
        }
    }
}
