package dev.faultline.analysis;

import java.util.List;

/**
 * The result of grouping upstream attempts into logical calls: either the calls, or the reason no
 * call identity could be found (then only rate-based amplification is possible). {@link CallColumns}
 * holds the same calls as columns, for the analysis of a whole journal.
 */
public sealed interface CallGrouping permits CallGrouping.Calls, CallGrouping.NoCallIds, CallColumns {

    /**
     * The calls found.
     *
     * @param calls             every call, ordered by its first attempt
     * @param basis             what grouped them, for explanations ({@code X-Request-Id}, {@code client})
     * @param attemptsWithoutId attempts that lacked the grouping header (each counted as its own call)
     */
    record Calls(List<LogicalCall> calls, String basis, long attemptsWithoutId) implements CallGrouping {
        public Calls {
            calls = List.copyOf(calls);
        }
    }

    /**
     * No call identity in the attempts.
     *
     * @param reason why, in words
     */
    record NoCallIds(String reason) implements CallGrouping {
    }
}
