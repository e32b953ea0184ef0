package dev.faultline.analysis.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who got how much of a limit, and how fair that was (DESIGN.md, Fairness): each client's demand
 * and admitted rate over the windows, its max-min fair share of the measured admitted total by
 * water-filling of the measured demands, and Jain's index of admitted / fair share.
 *
 * @param clients           every client that sent a request in the windows, in order
 * @param seconds           the windows' total length
 * @param capacityPerSecond the admitted total, per second: what the limit let through
 * @param jain              Jain's index of each client's admitted rate / fair share; NaN when nothing was admitted
 */
public record FairnessMeasurement(List<FairnessClient> clients, double seconds, double capacityPerSecond, double jain) {
    public FairnessMeasurement {
        clients = List.copyOf(clients);
    }

    /** Measures the clients' samples over windows of this total length; demand is each client's request rate. */
    public static FairnessMeasurement of(Map<String, List<FairnessSample>> samples, double seconds) {
        return of(samples, seconds, Map.of());
    }

    /**
     * Measures the clients' samples over windows of this total length, with the demand of some
     * clients measured otherwise (such as while they were free to send); the rest demand their
     * request rate.
     */
    public static FairnessMeasurement of(Map<String, List<FairnessSample>> samples, double seconds, Map<String, Double> demand) {
        List<String> names = new ArrayList<>(samples.keySet());
        int n = names.size();
        double[] demands = new double[n];
        double[] admitted = new double[n];
        long[][] counts = new long[n][3];
        double capacity = 0;
        for (int i = 0; i < n; i++) {
            for (FairnessSample s : samples.get(names.get(i))) {
                counts[i][0]++;
                counts[i][1] += s.served() ? 1 : 0;
                counts[i][2] += s.refused() ? 1 : 0;
            }
            demands[i] = demand.getOrDefault(names.get(i), seconds > 0 ? counts[i][0] / seconds : 0);
            admitted[i] = seconds > 0 ? counts[i][1] / seconds : 0;
            capacity += admitted[i];
        }
        double[] fair = WaterFilling.shares(demands, capacity);
        List<FairnessClient> clients = new ArrayList<>();
        double[] normalized = new double[n];
        for (int i = 0; i < n; i++) {
            FairnessClient c = new FairnessClient(names.get(i), counts[i][0], counts[i][1], counts[i][2], demands[i], admitted[i],
                    fair[i]);
            clients.add(c);
            normalized[i] = fair[i] > 0 ? c.normalized() : 0;
        }
        double jain = capacity > 0 ? JainIndex.of(normalized) : Double.NaN;
        return new FairnessMeasurement(clients, seconds, capacity, jain);
    }

    /** Requests of every client that were not served. */
    public long notServed() {
        return clients.stream().mapToLong(c -> c.requests() - c.served()).sum();
    }

    /** Requests of every client. */
    public long requests() {
        return clients.stream().mapToLong(FairnessClient::requests).sum();
    }

    /** The client furthest below its fair share. */
    public FairnessClient mostShortchanged() {
        FairnessClient worst = clients.get(0);
        for (FairnessClient c : clients) {
            if (c.normalized() < worst.normalized()) {
                worst = c;
            }
        }
        return worst;
    }
}
