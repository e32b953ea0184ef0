package dev.faultline.analysis.retry;

import dev.faultline.analysis.LogicalCall;
import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Retry;
import dev.faultline.analysis.TimeOrder;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The logical calls a retry analysis judges: those with an attempt in the fault window,
 * each with all its attempts (retries that spill past the window stay with their call).
 *
 * @param basis   what grouped attempts into calls ({@code X-Request-Id}, {@code client}, ...)
 * @param windows the fault window's phases
 * @param calls   the calls, ordered by their first attempt
 * @param retries every retry of these calls, ordered by the retry's arrival
 */
public record MeasuredCalls(String basis, List<PhaseWindow> windows, List<LogicalCall> calls, List<Retry> retries) {
    public MeasuredCalls {
        windows = List.copyOf(windows);
        calls = List.copyOf(calls);
        retries = List.copyOf(retries);
    }

    /** The calls with their retries listed. */
    public static MeasuredCalls of(String basis, List<PhaseWindow> windows, List<LogicalCall> calls) {
        return new MeasuredCalls(basis, windows, calls, retriesOf(calls));
    }

    private static List<Retry> retriesOf(List<LogicalCall> calls) {
        int count = 0;
        for (LogicalCall call : calls) {
            count += call.retries();
        }
        List<Retry> retries = new ArrayList<>(count);
        for (LogicalCall call : calls) {
            for (int i = 1; i < call.attempts().size(); i++) {
                retries.add(new Retry(call, i, call.attempts().get(i - 1), call.attempts().get(i)));
            }
        }
        TimeOrder.sort(retries, r -> r.attempt().atNanos());
        return retries;
    }

    /** How many distinct clients (target replicas) made these calls. */
    public long clients() {
        return calls.stream().mapToInt(c -> c.first().client()).distinct().count();
    }

    /** The window of the call's first attempt in any window, or -1. */
    public int windowOf(LogicalCall call) {
        int first = call.firstIndexIn(windows);
        long at = first < 0 ? -1L : call.attempts().get(first).atNanos();
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).contains(at)) {
                return i;
            }
        }
        return -1;
    }
}
