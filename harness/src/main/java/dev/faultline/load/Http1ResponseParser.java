package dev.faultline.load;

import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one HTTP/1.x response at a time from the bytes a connection delivers, in whatever pieces they
 * come, for the event-loop engine: the status line, the header fields it needs, and the body's framing
 * (RFC 9112 §6.3: {@code Transfer-Encoding: chunked}, {@code Content-Length}, or until the connection
 * closes), whose bytes are skipped, never kept. Interim 1xx responses are skipped as OkHttp does.
 *
 * <p>Strict, and bounded: a status line that is not {@code HTTP/1.0} or {@code HTTP/1.1} with a three-digit
 * code, a header line without a colon or with white space before it, an obsolete line folding, a bad or
 * conflicting {@code Content-Length}, a bad chunk size, a line over {@value #MAX_LINE} bytes or a head over
 * {@value #MAX_HEAD} bytes (OkHttp's limit) end the response with a {@link ProtocolException}, which
 * {@link CallFailures} sorts as {@code other}; the connection ending before the response is complete is an
 * {@link EOFException} ({@code closed}). A line may end with CRLF or a bare LF (RFC 9112 §2.2).
 *
 * <p>Not threadsafe: one per connection, on the event loop's thread.
 */
final class Http1ResponseParser {
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_HEAD = 256 * 1024;
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;

    private enum State { STATUS_LINE, HEADER_LINE, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER_LINE, UNTIL_CLOSE, DONE }

    private State state = State.DONE;
    private boolean headRequest;
    /** The line being read; grows as lines need, up to {@link #MAX_LINE}. */
    private byte[] line = new byte[256];
    private int lineLength;
    private int headBytes;
    private long remaining;

    private int status;
    private boolean http10;
    private boolean headComplete;
    private long contentLength;
    private boolean chunked;
    private boolean otherTransferCoding;
    private final List<String> connection = new ArrayList<>(2);
    private String retryAfter;
    private String rateLimit;
    private String rateLimitPolicy;

    /** Gets ready for the response to a new request; {@code headRequest}: a HEAD's response has no body. */
    void begin(boolean headRequest) {
        this.headRequest = headRequest;
        this.state = State.STATUS_LINE;
        this.status = 0;
        this.headComplete = false;
        this.retryAfter = null;
        this.rateLimit = null;
        this.rateLimitPolicy = null;
        startHead();
    }

    private void startHead() {
        lineLength = 0;
        headBytes = 0;
        http10 = false;
        contentLength = -1;
        chunked = false;
        otherTransferCoding = false;
        connection.clear();
    }

    /**
     * Consumes bytes of the response from {@code in}, leaving any that follow its end unread.
     *
     * @return true once the response is complete
     */
    boolean feed(ByteBuffer in) throws ProtocolException {
        while (state != State.DONE && in.hasRemaining()) {
            switch (state) {
                case FIXED_BODY, CHUNK_DATA -> {
                    int skip = (int) Math.min(remaining, in.remaining());
                    in.position(in.position() + skip);
                    remaining -= skip;
                    if (remaining == 0) {
                        state = state == State.FIXED_BODY ? State.DONE : State.CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> in.position(in.limit());
                default -> {
                    if (readLine(in)) {
                        onLine();
                        lineLength = 0;
                    }
                }
            }
        }
        return state == State.DONE;
    }

    /**
     * The connection ended (the peer's FIN). Completes a response whose body runs until the close;
     * otherwise the response was cut short.
     */
    void endOfStream() throws EOFException {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            return;
        }
        if (state != State.DONE) {
            throw new EOFException(headComplete
                    ? "unexpected end of stream: the connection closed in the middle of the response body"
                    : "unexpected end of stream: the connection closed before a complete response head");
        }
    }

    // Accumulates one line; true when it is complete (its CRLF or LF consumed, not kept).
    private boolean readLine(ByteBuffer in) throws ProtocolException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (++headBytes > MAX_HEAD && state != State.CHUNK_SIZE && state != State.CHUNK_END) {
                throw new ProtocolException("the response head is longer than " + MAX_HEAD + " bytes");
            }
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == line.length) {
                if (lineLength == MAX_LINE) {
                    throw new ProtocolException("a line of the response is longer than " + MAX_LINE + " bytes");
                }
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
            }
            line[lineLength++] = b;
        }
        return false;
    }

    private void onLine() throws ProtocolException {
        switch (state) {
            case STATUS_LINE -> statusLine();
            case HEADER_LINE -> {
                if (lineLength == 0) {
                    endOfHead();
                } else {
                    headerLine();
                }
            }
            case CHUNK_SIZE -> chunkSize();
            case CHUNK_END -> {
                if (lineLength != 0) {
                    throw new ProtocolException("chunk data not followed by CRLF");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILER_LINE -> {
                if (lineLength == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    // HTTP-version SP status-code [SP reason-phrase]
    private void statusLine() throws ProtocolException {
        boolean version = lineLength >= 12 && startsWith("HTTP/1.") && (line[7] == '0' || line[7] == '1') && line[8] == ' '
                && digit(line[9]) && digit(line[10]) && digit(line[11]) && (lineLength == 12 || line[12] == ' ');
        if (!version) {
            throw new ProtocolException("unexpected status line: " + text(0, Math.min(lineLength, 80)));
        }
        http10 = line[7] == '0';
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        state = State.HEADER_LINE;
    }

    private void headerLine() throws ProtocolException {
        if (line[0] == ' ' || line[0] == '\t') {
            throw new ProtocolException("obsolete line folding in a response header (RFC 9112 §5.2)");
        }
        int colon = -1;
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
            if (line[i] == ' ' || line[i] == '\t') {
                throw new ProtocolException("white space in a response header's name: " + text(0, Math.min(lineLength, 80)));
            }
        }
        if (colon <= 0) {
            throw new ProtocolException("a response header line without a name and colon: " + text(0, Math.min(lineLength, 80)));
        }
        // Compared in place, without a String per header name: most fields are skipped.
        if (nameIs(colon, "content-length")) {
            contentLength(value(colon));
        } else if (nameIs(colon, "transfer-encoding")) {
            transferEncoding(value(colon));
        } else if (nameIs(colon, "connection")) {
            connection.add(value(colon));
        } else if (nameIs(colon, "retry-after")) {
            // Like OkHttp's Response.header(name): the last of repeated fields.
            retryAfter = value(colon);
        } else if (nameIs(colon, "ratelimit")) {
            rateLimit = value(colon);
        } else if (nameIs(colon, "ratelimit-policy")) {
            rateLimitPolicy = value(colon);
        }
    }

    /** True when the line's name (before {@code colon}) is {@code lowerCaseName}, in any case. */
    private boolean nameIs(int colon, String lowerCaseName) {
        if (colon != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            // ASCII letters only differ by the 0x20 bit; '-' has it set already.
            if ((line[i] | 0x20) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void contentLength(String value) throws ProtocolException {
        long length = 0;
        if (value.isEmpty() || value.length() > 18) {
            throw new ProtocolException("invalid Content-Length: " + value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("invalid Content-Length: " + value);
            }
            length = length * 10 + (c - '0');
        }
        if (contentLength >= 0 && contentLength != length) {
            throw new ProtocolException("conflicting Content-Length fields: " + contentLength + " and " + length);
        }
        contentLength = length;
    }

    private void transferEncoding(String value) {
        String[] codings = value.split(",");
        String last = codings[codings.length - 1].trim();
        // Only the last coding frames the body: chunked last means chunked, anything else runs until the close.
        chunked = last.equalsIgnoreCase("chunked");
        otherTransferCoding = !chunked;
    }

    private void endOfHead() throws ProtocolException {
        if (status >= 100 && status < 200) {
            if (status == 101) {
                throw new ProtocolException("unexpected 101 Switching Protocols: the load driver did not ask for an upgrade");
            }
            // An interim response: the final one follows on the same connection.
            state = State.STATUS_LINE;
            startHead();
            return;
        }
        headComplete = true;
        if (headRequest || status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (otherTransferCoding) {
            state = State.UNTIL_CLOSE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.FIXED_BODY;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    // chunk-size [; chunk-ext]
    private void chunkSize() throws ProtocolException {
        long size = 0;
        int digits = 0;
        int i = 0;
        for (; i < lineLength; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                break;
            }
            if (++digits > MAX_CHUNK_SIZE_DIGITS) {
                throw new ProtocolException("chunk size too large: " + text(0, Math.min(lineLength, 40)));
            }
            size = size * 16 + d;
        }
        if (digits == 0 || (i < lineLength && line[i] != ';' && line[i] != ' ' && line[i] != '\t')) {
            throw new ProtocolException("invalid chunk size line: " + text(0, Math.min(lineLength, 40)));
        }
        if (size == 0) {
            state = State.TRAILER_LINE;
            headBytes = 0;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private String value(int colon) {
        int from = colon + 1;
        int to = lineLength;
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        return text(from, to);
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The final response's status, or 0 before its status line. */
    int status() {
        return headComplete ? status : 0;
    }

    /** True once the final response's whole head (status line and headers) arrived. */
    boolean headComplete() {
        return headComplete;
    }

    /** {@code http/1.0} or {@code http/1.1}, as OkHttp names the protocols. */
    String protocol() {
        return http10 ? "http/1.0" : "http/1.1";
    }

    /**
     * Whether the connection may carry another request after this complete response: not when its body ran
     * until the close, when the server said {@code Connection: close}, or for HTTP/1.0 without
     * {@code Connection: keep-alive} ({@link Http10Persistence}); nor after a body framed by both
     * {@code Transfer-Encoding} and {@code Content-Length} (RFC 9112 §6.1).
     */
    boolean reusable() {
        if (state != State.DONE || !headComplete) {
            return false;
        }
        boolean framedTwice = (chunked || otherTransferCoding) && contentLength >= 0;
        if (otherTransferCoding || framedTwice) {
            return false;
        }
        if (!headRequest && status != 204 && status != 304 && !chunked && contentLength < 0) {
            return false;
        }
        return http10 ? Http10Persistence.hasOption(connection, "keep-alive") : !Http10Persistence.hasOption(connection, "close");
    }

    String retryAfter() {
        return retryAfter;
    }

    String rateLimit() {
        return rateLimit;
    }

    String rateLimitPolicy() {
        return rateLimitPolicy;
    }
}
