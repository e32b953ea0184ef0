package dev.faultline.cli;

import dev.faultline.journal.Event;
import dev.faultline.journal.JournalJson;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a journal named on the command line: a {@code journal.jsonl} file (as {@code run} or {@code serve
 * --journal} wrote it), or the control API of a running {@code faultline serve} ({@code http://HOST:PORT}
 * or {@code .../journal}), read page by page ({@code ?after=SEQ&limit=N}, following
 * {@code Faultline-Journal-Next} while {@code Faultline-Journal-More} says so).
 */
final class JournalSources {
    static final int PAGE = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private JournalSources() {
    }

    /**
     * A journal and what its source lost before it was read.
     *
     * @param events  the events read
     * @param evicted events the source had evicted (serve's {@code Faultline-Journal-Dropped}) or that were
     *                evicted between pages ({@code -Missed}); 0 for a file
     */
    record Read(List<Event> events, long evicted) {
    }

    static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /**
     * Reads one source.
     *
     * @throws IOException with a message that names the source and what went wrong
     */
    static Read read(String source, Path workingDir, String token) throws IOException, InterruptedException {
        return read(source, workingDir, token, PAGE);
    }

    /** {@link #read(String, Path, String)} with pages of at most {@code page} events. */
    static Read read(String source, Path workingDir, String token, int page) throws IOException, InterruptedException {
        if (!isUrl(source)) {
            Path file = workingDir.resolve(source);
            try {
                return new Read(JournalJson.read(file), 0);
            } catch (NoSuchFileException e) {
                throw new IOException(source + " does not exist (give a journal.jsonl file or the URL of a serve's control API)", e);
            }
        }
        String base = source.replaceAll("/+$", "");
        if (!base.endsWith("/journal")) {
            base = base + "/journal";
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        List<Event> events = new ArrayList<>();
        long after = -1;
        long missed = 0;
        long dropped = 0;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "?after=" + after + "&limit=" + page))
                    .timeout(TIMEOUT).GET();
            if (token != null && !token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IOException(source + ": cannot read the journal: " + e, e);
            }
            if (response.statusCode() != 200) {
                throw new IOException(source + ": GET " + base + " answered " + response.statusCode() + ": "
                        + response.body().strip()
                        + (response.statusCode() == 401 ? " (give the token with --control-token or FAULTLINE_CONTROL_TOKEN)" : ""));
            }
            try {
                events.addAll(JournalJson.read(new StringReader(response.body())));
            } catch (IOException e) {
                throw new IOException(source + ": " + e.getMessage(), e);
            }
            missed += header(response, "Faultline-Journal-Missed");
            dropped = Math.max(dropped, header(response, "Faultline-Journal-Dropped"));
            long next = header(response, "Faultline-Journal-Next");
            boolean more = response.headers().firstValue("Faultline-Journal-More").map(Boolean::parseBoolean).orElse(false);
            if (!more || next <= after) {
                break;
            }
            after = next;
        }
        return new Read(events, Math.max(missed, dropped));
    }

    private static long header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).map(Long::parseLong).orElse(0L);
    }
}
