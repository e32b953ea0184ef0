package dev.faultline.load;

import dev.faultline.journal.CallOutcome;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Locale;

/** Sorts the failures an HTTP client reports into {@link CallOutcome}s the analyses count. */
public final class CallFailures {
    private static final int MAX_ERROR_LENGTH = 160;

    private CallFailures() {
    }

    /**
     * @param failure   what the client threw
     * @param cancelled whether the harness cancelled the call (at the end of the run)
     */
    public static CallOutcome classify(IOException failure, boolean cancelled) {
        if (cancelled) {
            return CallOutcome.CANCELLED;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return CallOutcome.REFUSED;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof InterruptedIOException) {
                return CallOutcome.TIMEOUT;
            }
            if (t instanceof SocketException && (message.contains("reset") || message.contains("broken pipe"))) {
                return CallOutcome.RESET;
            }
            if (t instanceof EOFException || message.contains("unexpected end of stream")) {
                return CallOutcome.CLOSED;
            }
        }
        return CallOutcome.OTHER;
    }

    /** The failure in one short line: {@code SocketTimeoutException: timeout}. */
    public static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }
}
