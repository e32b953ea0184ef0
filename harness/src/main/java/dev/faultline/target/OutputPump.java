package dev.faultline.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies one output stream of a target to its log file, keeps the last lines for error messages,
 * and lets a readiness check wait for a line containing some text. One daemon thread per stream.
 *
 * <p>Linear in the output, whatever its shape: a line keeps at most {@link #MAX_LINE} characters
 * (the rest is counted and the line marked), and a readiness text is looked for only in the
 * characters that arrived since the last look plus a window as long as the text, so output without
 * newlines costs what any output costs.
 *
 * <p>The stream is read to its end even when the log file cannot be written (a full disk): a
 * target whose output nobody reads blocks, or dies of SIGPIPE once its pipe is closed, and a
 * readiness-by-log check would then blame the target. The first write failure is kept
 * ({@link #writeFailure()}) and the file is not written again. Threadsafe.
 */
final class OutputPump {
    private static final int TAIL_LINES = 20;
    /** Characters of one line that are kept (in the tail; the log file gets everything). */
    static final int MAX_LINE = 64 * 1024;

    private final Path file;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<Watch> watches = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** The current line's first {@link #MAX_LINE} characters. */
    private final StringBuilder partial = new StringBuilder();
    /** Characters of the current line beyond {@link #MAX_LINE}, counted, not kept. */
    private long skipped;
    /** The current line's last characters, so a watch text split across two reads is still found. */
    private String recent = "";
    private int longestWatch;
    private volatile IOException writeFailure;

    private OutputPump(Path file) {
        this.file = file;
    }

    /** Starts pumping {@code in} into {@code file} on a daemon thread named {@code name}. */
    static OutputPump start(InputStream in, Path file, String name) throws IOException {
        OutputPump pump = new OutputPump(file);
        OutputStream out = Files.newOutputStream(file);
        Thread thread = new Thread(() -> pump.run(in, out), name);
        thread.setDaemon(true);
        thread.start();
        return pump;
    }

    private void run(InputStream in, OutputStream out) {
        byte[] buffer = new byte[64 * 1024];
        ByteBuffer bytes = ByteBuffer.wrap(buffer);
        CharBuffer chars = CharBuffer.allocate(buffer.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        OutputStream log = out;
        try (in) {
            int n;
            // bytes holds, from 0, the tail of a UTF-8 sequence the last read cut in two
            while ((n = in.read(buffer, bytes.position(), buffer.length - bytes.position())) >= 0) {
                if (log != null) {
                    log = write(log, buffer, bytes.position(), n);
                }
                bytes.limit(bytes.position() + n).position(0);
                decoder.decode(bytes, chars, false);
                bytes.compact();
                chars.flip();
                accept(chars);
                chars.clear();
            }
        } catch (IOException e) {
            // The process closed its end (or was killed): the log ends here.
        } finally {
            close(log);
            synchronized (this) {
                if (partial.length() > 0 || skipped > 0) {
                    endLine();
                }
            }
            finished.countDown();
        }
    }

    /** Writes to the log; after the first failure, returns null and the rest is only read. */
    private OutputStream write(OutputStream log, byte[] buffer, int offset, int length) {
        try {
            log.write(buffer, offset, length);
            log.flush();
            return log;
        } catch (IOException e) {
            writeFailure = e;
            close(log);
            return null;
        }
    }

    private static void close(OutputStream log) {
        if (log == null) {
            return;
        }
        try {
            log.close();
        } catch (IOException ignored) {
            // a failing close of a failing file adds nothing to the write failure already kept
        }
    }

    private synchronized void accept(CharSequence chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length(); i++) {
            if (chunk.charAt(i) == '\n') {
                extend(chunk, start, i);
                endLine();
                start = i + 1;
            }
        }
        // A readiness marker may be printed without a newline (a prompt): the partial line is looked at too.
        extend(chunk, start, chunk.length());
    }

    /** Adds characters of the current line (no newline among them) and looks for the watched texts in them. */
    private void extend(CharSequence chunk, int from, int to) {
        if (from == to) {
            return;
        }
        String added = chunk.subSequence(from, to).toString().replace("\r", "");
        int room = MAX_LINE - partial.length();
        if (added.length() <= room) {
            partial.append(added);
        } else {
            partial.append(added, 0, Math.max(room, 0));
            skipped += added.length() - Math.max(room, 0);
        }
        String window = recent + added;
        notifyWatches(window);
        int keep = Math.max(0, longestWatch - 1);
        recent = window.length() <= keep ? window : window.substring(window.length() - keep);
    }

    private void endLine() {
        String line = skipped == 0 ? partial.toString()
                : partial + " [line cut: " + skipped + " more characters in the log file]";
        partial.setLength(0);
        skipped = 0;
        recent = "";
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    private void notifyWatches(String text) {
        for (Watch watch : watches) {
            if (watch.seen.getCount() > 0 && text.contains(watch.text)) {
                watch.seen.countDown();
            }
        }
    }

    /** A latch released when a line containing {@code text} has been printed. */
    synchronized CountDownLatch watch(String text) {
        Watch watch = new Watch(text, new CountDownLatch(1));
        watches.add(watch);
        longestWatch = Math.max(longestWatch, text.length());
        for (String line : tail) {
            if (line.contains(text)) {
                watch.seen.countDown();
            }
        }
        if (partial.indexOf(text) >= 0 || recent.contains(text)) {
            watch.seen.countDown();
        }
        return watch.seen;
    }

    /** The last lines printed so far, each cut to {@link #MAX_LINE} characters (and marked). */
    synchronized List<String> tail() {
        List<String> lines = new ArrayList<>(tail);
        if (partial.length() > 0 || skipped > 0) {
            lines.add(skipped == 0 ? partial.toString() : partial + " [line cut: " + skipped + " more characters so far]");
        }
        return lines;
    }

    /**
     * The first failure to write the log file, if any (the output was still read to its end, and
     * the tail and readiness still saw it; the file stops where the failure struck).
     */
    Optional<IOException> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    /** Waits up to {@code millis} for the stream to end, so the log is complete. */
    void awaitEnd(long millis) throws InterruptedException {
        finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The log file. */
    Path file() {
        return file;
    }

    private record Watch(String text, CountDownLatch seen) {
    }
}
