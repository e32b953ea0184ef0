package dev.faultline.analysis.health;

import dev.faultline.analysis.LoadStats;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link HealthAnalysis} measured: how the target's health endpoints behaved against the fault
 * phases and against the truth of its own load.
 *
 * @param incidents      readiness per fault phase and replica: detection and recovery
 * @param truth          per replica: readiness against the load's success, slice by slice
 * @param probes         per probe ({@code liveness}, {@code readiness}, {@code startup}): latency and failures
 *                       while faults were injected (the whole run when no phase injects faults)
 * @param liveness       liveness failures while only dependencies failed
 * @param contradictions per probe whose bodies declared a health status: bodies that contradict their code
 * @param loadLag        schedule lag of the load (the truth's own fidelity)
 */
public record HealthMeasurement(
        List<Incident> incidents,
        List<Truth> truth,
        List<ProbeStats> probes,
        LivenessWatch liveness,
        List<Contradictions> contradictions,
        LoadStats.Percentiles loadLag) {

    public HealthMeasurement {
        incidents = List.copyOf(incidents);
        truth = List.copyOf(truth);
        probes = List.copyOf(probes);
        contradictions = List.copyOf(contradictions);
    }

    /** The statistics of one probe, if it ran. */
    public Optional<ProbeStats> probe(String name) {
        return probes.stream().filter(p -> p.probe().equals(name)).findFirst();
    }

    /**
     * One fault phase as one replica's readiness saw it.
     *
     * @param phase            the fault phase
     * @param replica          the replica
     * @param startNanos       when the phase began
     * @param endNanos         when it ended
     * @param faultsFired      upstream requests a fault rule decided during the phase
     * @param readinessResults readiness answers that arrived during the phase
     * @param readinessFailed  of those, the failed ones
     * @param detectionNanos   first failed readiness answer − phase start; empty when readiness never
     *                         failed during the phase
     * @param recoveryExpected whether a fault-free phase follows, so readiness should come back
     * @param recoveryNanos    first passing readiness answer at or after the phase end − phase end (0 when
     *                         readiness already passed at the end); empty when it never passed again
     * @param watchedAfterNanos how long the run went on after the phase ended
     */
    public record Incident(
            String phase,
            int replica,
            long startNanos,
            long endNanos,
            long faultsFired,
            long readinessResults,
            long readinessFailed,
            OptionalLong detectionNanos,
            boolean recoveryExpected,
            OptionalLong recoveryNanos,
            long watchedAfterNanos) {
    }

    /**
     * Readiness against the truth for one replica, in slices of {@link HealthAnalysis#SLICE_NANOS}.
     * A slice is <em>serving</em> when at least {@link HealthAnalysis#SERVING_THRESHOLD} of the load
     * requests intended in it succeeded; slices without load or before the first readiness answer are
     * not judged.
     *
     * @param replica              the replica
     * @param requests             load requests in the judged span (cancelled ones left out)
     * @param lateRequests         of those, sent more than {@link dev.faultline.expect.LoadFidelity#LATE_NANOS} late and left out
     * @param slices               slices judged
     * @param servingSlices        of those, serving
     * @param falseReadyNanos      time readiness passed during slices that were not serving
     * @param falseUnreadyNanos    time readiness failed during slices that were serving
     * @param falseReadySlices     slices with any false-ready time
     * @param falseUnreadySlices   slices with any false-unready time
     * @param firstFalseReadyNanos start of the first slice with false-ready time, or -1
     * @param firstFalseUnreadyNanos start of the first slice with false-unready time, or -1
     * @param firstFalseReadyPhase   the phase that slice began in, or empty
     * @param firstFalseUnreadyPhase the phase that slice began in, or empty
     */
    public record Truth(
            int replica,
            long requests,
            long lateRequests,
            int slices,
            int servingSlices,
            long falseReadyNanos,
            long falseUnreadyNanos,
            int falseReadySlices,
            int falseUnreadySlices,
            long firstFalseReadyNanos,
            long firstFalseUnreadyNanos,
            String firstFalseReadyPhase,
            String firstFalseUnreadyPhase) {
    }

    /**
     * One probe's answers during the fault phases (the whole run when there are none), all replicas
     * together, cancelled probes left out.
     *
     * @param probe     {@code liveness}, {@code readiness} or {@code startup}
     * @param count     answers
     * @param failed    failed answers (not a 2xx/3xx within the timeout)
     * @param timeouts  of those, timeouts
     * @param latency   latency percentiles (send to answer; a timeout counts at its timeout)
     */
    public record ProbeStats(String probe, long count, long failed, long timeouts, LoadStats.Percentiles latency) {
    }

    /**
     * Liveness answers while only dependencies failed: from the first phase to the first signal action
     * (after which the target is meant to go down), or to the end of the run.
     *
     * @param watched          liveness answers in that span
     * @param failed           failed ones
     * @param failedInFaults   failed ones that arrived during a fault phase
     * @param firstFailureNanos when the first failed one arrived, or -1
     * @param firstFailurePhase the phase it arrived in, or empty
     * @param failures         failed answers by kind ({@code "503"}, {@code timeout}, ...)
     * @param cutAtSignal      whether a signal action cut the span short
     */
    public record LivenessWatch(
            long watched,
            long failed,
            long failedInFaults,
            long firstFailureNanos,
            String firstFailurePhase,
            Map<String, Long> failures,
            boolean cutAtSignal) {
        public LivenessWatch {
            failures = Map.copyOf(failures);
        }
    }

    /**
     * Answers of one probe whose body's health status contradicts the HTTP code.
     *
     * @param probe      the probe
     * @param declared   answers whose body declared a status
     * @param contradict of those, contradicting their code
     * @param example    the first contradiction, such as {@code 200 with status "fail"}, or empty
     * @param firstNanos when it arrived, or -1
     */
    public record Contradictions(String probe, long declared, long contradict, String example, long firstNanos) {
    }
}
