package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.ProbeResult;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the harness's own load or probes were refused by their TLS client because the target's
 * certificate could not be verified. Such requests never reached the target's code, so the run tested
 * nothing and must not be judged (it ends as an error, exit 3, never as held or failed).
 */
final class UntrustedTarget {
    private UntrustedTarget() {
    }

    /** Why the run could not be judged, when any load request or probe failed certificate verification. */
    static Optional<String> explain(List<Event> events) {
        long load = 0;
        long probes = 0;
        String first = null;
        for (Event e : events) {
            String error = null;
            if (e instanceof LoadResult r) {
                error = r.error();
            } else if (e instanceof ProbeResult p) {
                error = p.error();
            }
            if (error != null && certificateRejected(error)) {
                if (e instanceof LoadResult) {
                    load++;
                } else {
                    probes++;
                }
                first = first == null ? error : first;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of("the harness could not verify the target's TLS certificate (" + load + " load request(s) and "
                + probes + " probe(s) failed: " + first + "), so the target was not tested; a target serving a certificate"
                + " of its own (self-signed or from a private authority) needs target.insecure: true, which skips"
                + " verification for the harness's load and probes only");
    }

    /** A failure of the client's certificate or host name check, as {@code CallFailures.describe} wrote it. */
    static boolean certificateRejected(String error) {
        String text = error.toLowerCase(Locale.ROOT);
        if (text.startsWith("sslpeerunverifiedexception")) {
            return true;
        }
        return text.startsWith("sslhandshakeexception") && (text.contains("pkix") || text.contains("certificat")
                || text.contains("no subject alternative"));
    }
}
