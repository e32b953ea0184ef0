package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class CallFailuresTest {

    @Test
    void failuresAreSortedIntoTheOutcomesTheAnalysesCount() {
        ConnectException refused = new ConnectException("Failed to connect to /127.0.0.1:1");
        refused.initCause(new ConnectException("Connection refused"));
        IOException closed = new IOException("unexpected end of stream on http://127.0.0.1:8080/...");
        closed.initCause(new EOFException("\\n not found: limit=0 content=…"));

        assertThat(CallFailures.classify(refused, false)).isEqualTo(CallOutcome.REFUSED);
        assertThat(CallFailures.classify(new InterruptedIOException("timeout"), false)).isEqualTo(CallOutcome.TIMEOUT);
        assertThat(CallFailures.classify(new SocketTimeoutException("Read timed out"), false)).isEqualTo(CallOutcome.TIMEOUT);
        assertThat(CallFailures.classify(new SocketException("Connection reset"), false)).isEqualTo(CallOutcome.RESET);
        assertThat(CallFailures.classify(new SocketException("Broken pipe"), false)).isEqualTo(CallOutcome.RESET);
        assertThat(CallFailures.classify(closed, false)).isEqualTo(CallOutcome.CLOSED);
        assertThat(CallFailures.classify(new IOException("Unexpected status line: garbage"), false)).isEqualTo(CallOutcome.OTHER);
        assertThat(CallFailures.classify(new IOException("Canceled"), true)).isEqualTo(CallOutcome.CANCELLED);
    }

    @Test
    void aFailureIsDescribedInOneShortLine() {
        assertThat(CallFailures.describe(new SocketTimeoutException("timeout"))).isEqualTo("SocketTimeoutException: timeout");
        assertThat(CallFailures.describe(new IOException("x".repeat(500)))).hasSize(160).endsWith("...");
    }
}
