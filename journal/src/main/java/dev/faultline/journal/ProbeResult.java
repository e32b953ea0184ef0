package dev.faultline.journal;

/**
 * One health probe of the target ({@code GET path}) and what it answered.
 *
 * <p>A probe passes, as Kubernetes counts it, when a response with a status from 200 to 399 arrives
 * within the probe's timeout ({@link #ok()}). When the body is JSON with a {@code status} field (the
 * {@code application/health+json} format, or Spring Boot's {@code UP}/{@code DOWN}), that status is
 * recorded too, folded to {@code pass}, {@code warn} or {@code fail}, so a body that contradicts its
 * HTTP code can be reported.
 *
 * @param atNanos      when the probe was due (run time)
 * @param sentNanos    when it was actually sent
 * @param endNanos     when the answer (or the failure) was known
 * @param replica      the target replica probed (0-based)
 * @param probe        {@code liveness}, {@code readiness} or {@code startup}
 * @param path         the path polled
 * @param status       the response status, or {@code 0} when no status line arrived
 * @param outcome      how it ended
 * @param healthStatus {@code pass}, {@code warn} or {@code fail} from a JSON body's {@code status};
 *                     {@code null} when the body had none
 * @param error        for outcomes other than {@link CallOutcome#RESPONSE}: the client's error, briefly;
 *                     else {@code null}
 */
public record ProbeResult(
        long atNanos,
        long sentNanos,
        long endNanos,
        int replica,
        String probe,
        String path,
        int status,
        CallOutcome outcome,
        String healthStatus,
        String error) implements Event {

    @Override
    public String type() {
        return "probe-result";
    }

    /** True for a response with a 2xx or 3xx status within the timeout. */
    public boolean ok() {
        return outcome == CallOutcome.RESPONSE && status >= 200 && status < 400;
    }

    /** False only for probes cancelled at the end of the run, which are neither passes nor failures. */
    public boolean judged() {
        return outcome != CallOutcome.CANCELLED;
    }

    /** Time from sending the probe to its answer (or its timeout). */
    public long latencyNanos() {
        return endNanos - sentNanos;
    }

    /**
     * True when the body's health status contradicts the HTTP code: {@code pass} or {@code warn} must
     * come with 2xx-3xx, {@code fail} with 4xx-5xx (draft-inadarei-api-health-check, MUST).
     */
    public boolean contradicts() {
        if (healthStatus == null || outcome != CallOutcome.RESPONSE) {
            return false;
        }
        boolean okCode = status >= 200 && status < 400;
        return healthStatus.equals("fail") == okCode;
    }
}
