package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The event-loop engine's HTTP/1.x response reader: framing, persistence, the fields it keeps, and what it refuses. */
class Http1ResponseParserTest {
    private final Http1ResponseParser parser = new Http1ResponseParser();

    /** Feeds the response in pieces of {@code piece} bytes; returns the bytes left after its end, or -1 if it is not complete. */
    private int feed(String response, int piece) throws ProtocolException {
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        for (int from = 0; from < bytes.length; from += piece) {
            ByteBuffer in = ByteBuffer.wrap(bytes, from, Math.min(piece, bytes.length - from));
            if (parser.feed(in)) {
                return in.remaining() + Math.max(0, bytes.length - from - piece);
            }
        }
        return -1;
    }

    private static CallOutcome sorted(IOException e) {
        return CallFailures.classify(NioLoadEngine.sortable(e), false);
    }

    @ParameterizedTest(name = "in pieces of {0} bytes")
    @ValueSource(ints = {1, 3, 7, 4096})
    void aContentLengthBodyEndsAfterItsLengthWhateverThePiecesAndTheConnectionStaysUsable(int piece) throws Exception {
        parser.begin(false);
        int left = feed("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nRetry-After: 1\r\n"
                + "retry-after: 7\r\nRateLimit: limit=10, remaining=9\r\nRateLimit-Policy: 10;w=1\r\n\r\nhelloHTTP", piece);

        assertThat(left).as("the bytes after the body are left unread").isEqualTo(4);
        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.protocol()).isEqualTo("http/1.1");
        assertThat(parser.reusable()).isTrue();
        assertThat(parser.retryAfter()).as("the last of repeated fields, as OkHttp's header(name)").isEqualTo("7");
        assertThat(parser.rateLimit()).isEqualTo("limit=10, remaining=9");
        assertThat(parser.rateLimitPolicy()).isEqualTo("10;w=1");
    }

    @ParameterizedTest(name = "in pieces of {0} bytes")
    @ValueSource(ints = {1, 2, 5, 4096})
    void aChunkedBodyWithExtensionsAndTrailersEndsAfterItsLastChunk(int piece) throws Exception {
        parser.begin(false);
        int left = feed("HTTP/1.1 503 Service Unavailable\nTransfer-Encoding: gzip, chunked\n\n"
                + "5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: yes\r\n\r\n", piece);

        assertThat(left).isZero();
        assertThat(parser.status()).isEqualTo(503);
        assertThat(parser.reusable()).isTrue();
    }

    @Test
    void aBodyWithoutLengthRunsUntilTheCloseAndEndsTheConnection() throws Exception {
        parser.begin(false);
        assertThat(feed("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this and more", 4096)).isEqualTo(-1);
        assertThat(parser.headComplete()).isTrue();

        parser.endOfStream();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.reusable()).isFalse();
    }

    @Test
    void http10KeepsItsConnectionOnlyWithKeepAliveAndHttp11UnlessConnectionClose() throws Exception {
        parser.begin(false);
        feed("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 4096);
        assertThat(parser.protocol()).isEqualTo("http/1.0");
        assertThat(parser.reusable()).isFalse();

        parser.begin(false);
        feed("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", 4096);
        assertThat(parser.reusable()).isTrue();

        parser.begin(false);
        feed("HTTP/1.1 200 OK\r\nConnection: x-other, close\r\nContent-Length: 2\r\n\r\nok", 4096);
        assertThat(parser.reusable()).isFalse();
    }

    @Test
    void headResponsesNoContentAndNotModifiedHaveNoBodyAndInterimResponsesAreSkipped() throws Exception {
        parser.begin(true);
        assertThat(feed("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 4096)).isZero();
        assertThat(parser.reusable()).isTrue();

        parser.begin(false);
        assertThat(feed("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n", 4096)).isGreaterThan(0);
        assertThat(parser.status()).isEqualTo(204);
        parser.begin(false);
        assertThat(feed("HTTP/1.1 304 Not Modified\r\n\r\n", 4096)).isZero();

        parser.begin(false);
        assertThat(feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 3)).isZero();
        assertThat(parser.status()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "HTTP/2 200 OK\r\n\r\n",
            "HTTP/1.1 20 OK\r\n\r\n",
            "HTTP/1.1 200OK\r\n\r\n",
            "ICY 200 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok",
            "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n",
            "HTTP/1.1 101 Switching Protocols\r\n\r\n"})
    void aMalformedResponseIsAProtocolErrorSortedAsOther(String response) {
        parser.begin(false);
        ProtocolException e = catchThrowableOfType(() -> feed(response, 4096), ProtocolException.class);

        assertThat(e).as(response).isNotNull();
        assertThat(sorted(e)).isEqualTo(CallOutcome.OTHER);
    }

    @Test
    void linesAndHeadsPastTheirLimitsAreRefused() {
        parser.begin(false);
        String longLine = "HTTP/1.1 200 OK\r\nX-Long: " + "a".repeat(Http1ResponseParser.MAX_LINE) + "\r\n\r\n";
        assertThat(catchThrowableOfType(() -> feed(longLine, 1000), ProtocolException.class)).hasMessageContaining("longer than");

        parser.begin(false);
        String manyLines = "HTTP/1.1 200 OK\r\n" + ("X-Many: " + "b".repeat(1000) + "\r\n").repeat(300) + "\r\n";
        assertThat(catchThrowableOfType(() -> feed(manyLines, 4096), ProtocolException.class)).hasMessageContaining("head");
    }

    @Test
    void aResponseCutShortIsClosedWhetherInItsHeadOrItsBody() throws Exception {
        parser.begin(false);
        feed("HTTP/1.1 200 OK\r\nContent-Le", 4096);
        EOFException inHead = catchThrowableOfType(parser::endOfStream, EOFException.class);
        assertThat(sorted(inHead)).isEqualTo(CallOutcome.CLOSED);
        assertThat(parser.status()).isZero();

        parser.begin(false);
        feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", 4096);
        EOFException inBody = catchThrowableOfType(parser::endOfStream, EOFException.class);
        assertThat(sorted(inBody)).isEqualTo(CallOutcome.CLOSED);
        assertThat(parser.status()).as("the head had arrived").isEqualTo(200);
    }

    @Test
    void nioErrorsOfAResetConnectionAreSortedAsResets() {
        assertThat(sorted(new IOException("Broken pipe"))).isEqualTo(CallOutcome.RESET);
        assertThat(sorted(new IOException("Connection reset by peer"))).isEqualTo(CallOutcome.RESET);
        assertThat(sorted(new java.net.SocketException("Connection reset"))).isEqualTo(CallOutcome.RESET);
    }
}
