package dev.faultline.run;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.Timeline;
import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.Http2FaultKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's notes on requests that an {@code http2:} stream fault could not act on: those that
 * came over HTTP/1.1 (no {@code stream} in the journal) to an upstream while such a rule was in force.
 * The rule lets them pass, so a target that spoke HTTP/1.1 was not put under the fault, and the report
 * says how many. Pure.
 */
final class Http2Skips {
    private Http2Skips() {
    }

    static List<String> notes(Scenario scenario, List<Event> events, Timeline timeline) {
        List<String> notes = new ArrayList<>();
        for (PhaseSpec phase : scenario.phases()) {
            for (String upstream : scenario.upstreams().keySet()) {
                List<String> rules = streamRules(phase.faultsFor(upstream));
                Optional<PhaseWindow> window = timeline.phase(phase.name());
                if (rules.isEmpty() || window.isEmpty()) {
                    continue;
                }
                long all = 0;
                long overHttp11 = 0;
                for (Event event : events) {
                    if (event instanceof UpstreamRequest r && r.upstream().equals(upstream) && window.get().contains(r.atNanos())) {
                        all++;
                        overHttp11 += r.stream() == 0 ? 1 : 0;
                    }
                }
                if (overHttp11 > 0) {
                    notes.add(overHttp11 + " of " + all + " requests to " + upstream + " during " + phase.name()
                            + " came over HTTP/1.1, which the http2 fault rules " + String.join(", ", rules)
                            + " do not act on (no stream): those requests were answered as if the rules were not there"
                            + " (make the client speak h2, or add a connection fault for HTTP/1.1 clients)");
                }
            }
        }
        return notes;
    }

    private static List<String> streamRules(List<FaultRule> rules) {
        List<String> ids = new ArrayList<>();
        for (FaultRule rule : rules) {
            if (rule.action() instanceof FaultAction.Http2Fault h2 && h2.kind() != Http2FaultKind.MAX_CONCURRENT_STREAMS) {
                ids.add(rule.id());
            }
        }
        return ids;
    }
}
