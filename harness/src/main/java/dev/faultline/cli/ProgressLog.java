package dev.faultline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The harness's progress and warnings on stderr, as text or as JSON lines for log pipelines, with
 * progress left out under {@code --quiet}. The run writes free text lines to {@link #writer()}; each
 * complete line is classified (a "warning:" is a warning, "could not"/"no report files" an error, the
 * rest progress) and written in the chosen format.
 */
final class ProgressLog {
    enum Level { INFO, WARNING, ERROR }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final Clock clock;
    private final PrintWriter writer;
    private volatile String file = "";

    ProgressLog(PrintWriter err, boolean json, boolean quiet, Clock clock) {
        this.err = err;
        this.json = json;
        this.quiet = quiet;
        this.clock = clock;
        this.writer = new PrintWriter(new LineWriter(), true);
    }

    /** The scenario file the next lines are about, or "" between scenarios. */
    void file(String file) {
        this.file = file;
    }

    /** Free text lines, classified line by line (for the run's own progress). */
    PrintWriter writer() {
        return writer;
    }

    void info(String message) {
        log(Level.INFO, message);
    }

    void warning(String message) {
        log(Level.WARNING, message);
    }

    void error(String message) {
        log(Level.ERROR, message);
    }

    synchronized void log(Level level, String message) {
        if (quiet && level == Level.INFO) {
            return;
        }
        if (!json) {
            err.println(message);
        } else {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", clock.instant().toString());
            line.put("level", level.name().toLowerCase(Locale.ROOT));
            line.put("message", message.strip().replaceFirst("^(faultline: )?(warning: )?", ""));
            if (!file.isEmpty()) {
                line.put("file", file);
            }
            try {
                err.println(JSON.writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        err.flush();
    }

    static Level classify(String line) {
        String text = line.strip();
        if (text.contains("warning:")) {
            return Level.WARNING;
        }
        if (text.startsWith("faultline: could not") || text.startsWith("faultline: no report files")) {
            return Level.ERROR;
        }
        return Level.INFO;
    }

    /** Collects characters into lines; a line is logged when its newline arrives. */
    private final class LineWriter extends Writer {
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    String text = line.toString();
                    line.setLength(0);
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    log(classify(text), text);
                } else {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public synchronized void close() {
            if (!line.isEmpty()) {
                String text = line.toString();
                line.setLength(0);
                log(classify(text), text);
            }
        }
    }
}
