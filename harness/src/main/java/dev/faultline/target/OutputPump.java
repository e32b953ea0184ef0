package dev.faultline.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Copies one output stream of a target to its log file, keeps the last lines for error messages,
 * and lets a readiness check wait for a line containing some text. One daemon thread per stream.
 * Threadsafe.
 */
final class OutputPump {
    private static final int TAIL_LINES = 20;

    private final Path file;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<Watch> watches = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final StringBuilder partial = new StringBuilder();

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
        byte[] buffer = new byte[8192];
        try (in; out) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                accept(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The process closed its end (or was killed): the log ends here.
        } finally {
            synchronized (this) {
                if (partial.length() > 0) {
                    line(partial.toString());
                    partial.setLength(0);
                }
            }
            finished.countDown();
        }
    }

    private synchronized void accept(String chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                line(partial.toString());
                partial.setLength(0);
            } else if (c != '\r') {
                partial.append(c);
            }
        }
        // A readiness marker may be printed without a newline (a prompt); check the partial line too.
        if (partial.length() > 0) {
            notifyWatches(partial.toString());
        }
    }

    private void line(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        notifyWatches(line);
    }

    private void notifyWatches(String text) {
        for (Watch watch : watches) {
            if (text.contains(watch.text)) {
                watch.seen.countDown();
            }
        }
    }

    /** A latch released when a line containing {@code text} has been printed. */
    synchronized CountDownLatch watch(String text) {
        Watch watch = new Watch(text, new CountDownLatch(1));
        watches.add(watch);
        for (String line : tail) {
            if (line.contains(text)) {
                watch.seen.countDown();
            }
        }
        return watch.seen;
    }

    /** The last lines printed so far. */
    synchronized List<String> tail() {
        List<String> lines = new ArrayList<>(tail);
        if (partial.length() > 0) {
            lines.add(partial.toString());
        }
        return lines;
    }

    /** Waits up to {@code millis} for the stream to end, so the log is complete. */
    void awaitEnd(long millis) throws InterruptedException {
        finished.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The log file. */
    Path file() {
        return file;
    }

    private record Watch(String text, CountDownLatch seen) {
    }
}
