package dev.faultline.analysis.fairness;

import static dev.faultline.report.Numbers.percent;
import static dev.faultline.report.Numbers.rate;
import static dev.faultline.report.Numbers.ratio;
import static dev.faultline.report.Numbers.signed;

import dev.faultline.report.Numbers;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The words of the fairness verdicts; numbers are rendered by {@link Numbers}. */
final class FairnessWords {
    private FairnessWords() {
    }

    /** {@code 50.0, 5.0 /s}. */
    static String rates(List<FairnessClient> clients, ToDoubleFunction<FairnessClient> value) {
        return clients.stream().map(c -> rate(value.applyAsDouble(c))).collect(Collectors.joining(", ")) + " /s";
    }

    /** {@code 2 tenants (heavy, light)} or {@code 3 replicas}. */
    static String who(FairnessMeasurement m, boolean tenants) {
        List<FairnessClient> clients = m.clients();
        if (tenants) {
            return Numbers.count(clients.size(), "tenant") + " (" + names(clients) + ")";
        }
        String numbers = clients.stream().map(c -> c.name().substring("replica ".length())).collect(Collectors.joining(", "));
        return clients.size() == 1 ? clients.get(0).name() : "replicas " + numbers;
    }

    static String names(List<FairnessClient> clients) {
        return clients.stream().map(FairnessClient::name).collect(Collectors.joining(", "));
    }

    /**
     * The one-line account of who got what:
     * {@code 2 tenants (heavy, light) during the run: demand 50.0, 5.0 /s; admitted 10.0, 0.10 /s; 429s 80 %, 98 %;
     * fair 5.0, 5.0 /s; Jain 0.51; the least served, light, got 2 % of its fair share}.
     */
    static String shares(FairnessMeasurement m, boolean tenants, String where) {
        List<FairnessClient> c = m.clients();
        StringBuilder text = new StringBuilder(who(m, tenants)).append(' ').append(where).append(": demand ")
                .append(rates(c, FairnessClient::demandPerSecond)).append("; admitted ").append(rates(c, FairnessClient::admittedPerSecond))
                .append("; 429s ").append(c.stream().map(x -> percent(x.refusedShare())).collect(Collectors.joining(", ")))
                .append("; fair ").append(rates(c, FairnessClient::fairSharePerSecond))
                .append("; Jain ").append(ratio(m.jain()));
        long other = c.stream().mapToLong(FairnessClient::otherFailures).sum();
        if (other > 0) {
            text.append("; ").append(other).append(" other failures (neither 2xx/3xx nor 429) count as not admitted");
        }
        if (c.size() > 1) {
            FairnessClient least = m.mostShortchanged();
            text.append("; the least served, ").append(least.name()).append(", got ").append(percent(least.normalized()))
                    .append(" of its fair share");
        }
        return text.toString();
    }

    /**
     * {@code replica 0, replica 1 at api during busy were admitted 10.1, 5.7 /s of the 10.0 /s the limit allows each while
     * it held them back (first to last 429, longest 6.90 s): goodput 1.01, 0.57}.
     *
     * @param together how to name everyone under one shared limit
     */
    static String limited(List<LimitedRate> rates, ToDoubleFunction<LimitedRate> value, boolean signed, String where,
                          String together) {
        boolean shared = rates.size() == 1 && rates.get(0).key().equals("all");
        String keys = shared ? together : rates.stream().map(LimitedRate::key).collect(Collectors.joining(", "));
        String admitted = rates.stream().map(r -> rate(r.perSecond())).collect(Collectors.joining(", "));
        String limits = rates.stream().map(r -> rate(r.limitPerSecond())).distinct().collect(Collectors.joining(", "));
        String values = rates.stream().map(r -> signed ? signed(value.applyAsDouble(r)) : ratio(value.applyAsDouble(r)))
                .collect(Collectors.joining(", "));
        double span = rates.stream().mapToDouble(LimitedRate::spanSeconds).max().orElse(0);
        boolean one = rates.size() == 1 && !shared;
        return keys + " " + where + " " + (one ? "was" : "were") + " admitted " + admitted + " /s of the " + limits
                + " /s the limit allows" + (rates.size() == 1 ? "" : " each") + " while it held " + (one ? "it" : "them")
                + " back (first to last 429, " + (rates.size() == 1 ? "" : "longest ") + Numbers.number(Math.round(span * 100) / 100.0)
                + " s): " + (signed ? "error " : "goodput ") + values;
    }
}
