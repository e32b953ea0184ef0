package dev.faultline.cli;

import sun.misc.Signal;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C, SIGTERM and SIGHUP for the harness process.
 *
 * <p>The first signal aborts the current run: it stops its targets (stop signal, then KILL after a
 * short grace) and still writes the report, marked {@code aborted}. A second signal does not wait:
 * it KILLs every target process tree at once and exits with 130. The JVM's default handling is
 * replaced because it would run shutdown hooks and exit while the run is still stopping its targets
 * and writing its report; a shutdown hook stays as the last safety net for any other way out.
 *
 * <p>SIGHUP (the terminal or the SSH session that ran faultline closed) is an abort like SIGTERM:
 * the JVM's default would run only the shutdown hook, which kills the targets but writes no report.
 * Under {@code nohup} HUP is ignored on entry, and the JVM then leaves it ignored, as it should.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void install(HarnessContext context, PrintWriter err) {
        AtomicInteger count = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal(context, err, signal.getName(), count.incrementAndGet()));
            } catch (IllegalArgumentException unavailable) {
                // The JVM keeps this signal for itself (e.g. -Xrs); the shutdown hook still kills targets.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> context.registry().killAll(), "faultline-kill-targets"));
    }

    private static void onSignal(HarnessContext context, PrintWriter err, String signal, int count) {
        if (count == 1 && context.abortCurrent("SIG" + signal)) {
            err.println();
            err.println("faultline: SIG" + signal + " received, stopping the run and its targets; the report is being written"
                    + " (press Ctrl-C again to kill the targets and exit at once)");
            err.flush();
            return;
        }
        context.registry().killAll();
        err.println("faultline: SIG" + signal + " again: killed every target process, exiting now");
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.ABORTED);
    }
}
