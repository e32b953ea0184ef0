package dev.faultline.retries;

import dev.faultline.analysis.retry.RetryAnalysis;
import dev.faultline.analysis.retry.RetryScope;
import dev.faultline.scenario.CallsBy;
import dev.faultline.testing.Faultline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Re-analyses a finished run's journal offline, as {@code expect.retries} did, to assert on the gaps themselves. */
final class RetryReplay {
    private RetryReplay() {
    }

    /** The retry analysis of {@code upstream} during the phase {@code during}. */
    static RetryAnalysis analyse(Path reportDir, String upstream, String during, CallsBy callsBy) {
        RetryScope scope = new RetryScope(upstream, List.of(during), callsBy, Optional.empty(), Set.of(), List.of(during),
                Optional.empty());
        return RetryAnalysis.of(Faultline.journal(reportDir), scope);
    }
}
