package dev.faultline.analysis.fairness;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.TimeOrder;
import dev.faultline.journal.Event;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The requests of each client in the judged windows, in arrival order, read from a journal. Pure. */
public final class FairnessSamples {
    private FairnessSamples() {
    }

    /** How a replica is named: {@code replica 2}; a request from no known replica port is {@code replica ?}. */
    public static String replica(int client) {
        return client < 0 ? "replica ?" : "replica " + client;
    }

    /**
     * The attempts at one fake upstream that arrived in the windows, per replica (in replica order).
     * An exchange that never ended counts as ending when it arrived.
     */
    public static Map<String, List<FairnessSample>> atUpstream(List<Event> events, String upstream, List<PhaseWindow> windows) {
        Map<Integer, List<FairnessSample>> byReplica = new TreeMap<>();
        for (Event event : events) {
            if (event instanceof UpstreamRequest r && r.upstream().equals(upstream)) {
                int window = windowOf(windows, r.atNanos());
                if (window < 0) {
                    continue;
                }
                boolean served = r.outcome() == UpstreamRequest.Outcome.COMPLETED && r.status() >= 200 && r.status() < 400;
                byReplica.computeIfAbsent(r.client(), c -> new ArrayList<>()).add(new FairnessSample(replica(r.client()), window,
                        r.atNanos(), r.endNanos() < 0 ? r.atNanos() : r.endNanos(), r.status(), served, r.retryAfter(),
                        r.rateLimit(), null));
            }
        }
        Map<String, List<FairnessSample>> clients = new LinkedHashMap<>();
        byReplica.forEach((replica, samples) -> clients.put(replica(replica), sorted(samples)));
        return clients;
    }

    /**
     * The load's requests intended in the windows, per tenant (in {@code tenants} order, then any
     * other), placed at the moment they were sent; requests cancelled at the end of the run are left out.
     */
    public static Map<String, List<FairnessSample>> ofTenants(List<Event> events, List<PhaseWindow> windows, List<String> tenants) {
        Map<String, List<FairnessSample>> clients = new LinkedHashMap<>();
        tenants.forEach(t -> clients.put(t, new ArrayList<>()));
        for (Event event : events) {
            if (event instanceof LoadResult r && r.judged() && r.tenant() != null) {
                int window = windowOf(windows, r.atNanos());
                if (window < 0) {
                    continue;
                }
                clients.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).add(new FairnessSample(r.tenant(), window,
                        r.sentNanos(), r.endNanos(), r.status(), r.succeeded(), r.retryAfter(), r.rateLimit(),
                        r.rateLimitPolicy()));
            }
        }
        clients.values().removeIf(List::isEmpty);
        clients.replaceAll((tenant, samples) -> sorted(samples));
        return clients;
    }

    private static int windowOf(List<PhaseWindow> windows, long nanos) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).contains(nanos)) {
                return i;
            }
        }
        return -1;
    }

    private static List<FairnessSample> sorted(List<FairnessSample> samples) {
        TimeOrder.sort(samples, FairnessSample::atNanos);
        return List.copyOf(samples);
    }
}
