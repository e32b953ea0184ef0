package dev.faultline.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Sends signals to process groups through one long-lived {@code /bin/sh} and its built-in {@code kill},
 * so a signal leaves within a millisecond of being asked for. Starting {@code kill(1)} for each signal
 * costs a fork and an exec, tens to hundreds of milliseconds on a busy machine, and that delay would
 * land in every drain time measured from the signal.
 *
 * <p>The shell ignores INT, QUIT, HUP and TERM (a terminal's Ctrl-C reaches the harness's whole
 * process group, and must not take the shell away before the harness has killed its targets), and
 * exits when its input closes, that is when the harness exits. Threadsafe; callers take turns.
 */
final class KillShell {
    private static KillShell instance;
    private static boolean unavailable;

    private final Process shell;
    private final Writer commands;
    private final BufferedReader replies;

    private KillShell(Process shell) {
        this.shell = shell;
        this.commands = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.US_ASCII);
        this.replies = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Starts the shell ahead of the first signal, so that signal does not wait for it. */
    static synchronized void prepare() {
        if (instance == null && !unavailable) {
            try {
                instance = start();
            } catch (IOException e) {
                // The first signal tries again, and falls back to kill(1) if it cannot.
            }
        }
    }

    /**
     * Signals every process of group {@code pgid}.
     *
     * @return the result: delivered to at least one process, no such group, or the shell could not be used
     *         (the caller then falls back to {@code kill(1)})
     */
    static synchronized Result signal(String signal, long pgid) {
        for (int attempt = 0; attempt < 2 && !unavailable; attempt++) {
            try {
                if (instance == null || !instance.shell.isAlive()) {
                    instance = start();
                }
                return instance.send(signal, pgid);
            } catch (IOException e) {
                if (instance != null) {
                    instance.shell.destroyForcibly();
                }
                instance = null;
            }
        }
        unavailable = true;
        return Result.UNAVAILABLE;
    }

    private static KillShell start() throws IOException {
        Process shell = new ProcessBuilder("/bin/sh").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        KillShell kill = new KillShell(shell);
        kill.commands.write("trap '' INT QUIT HUP TERM\n");
        kill.commands.flush();
        return kill;
    }

    private Result send(String signal, long pgid) throws IOException {
        if (!signal.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a signal name: " + signal);
        }
        commands.write("kill -s " + signal + " -- -" + pgid + " 2>/dev/null; echo $?\n");
        commands.flush();
        String reply = replies.readLine();
        if (reply == null) {
            throw new IOException("the kill shell exited");
        }
        return reply.trim().equals("0") ? Result.DELIVERED : Result.NO_SUCH_GROUP;
    }

    /** What became of a signal. */
    enum Result {
        DELIVERED, NO_SUCH_GROUP, UNAVAILABLE
    }
}
