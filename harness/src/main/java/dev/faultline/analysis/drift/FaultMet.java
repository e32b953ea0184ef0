package dev.faultline.analysis.drift;

import dev.faultline.journal.ResponseDrift;
import dev.faultline.journal.UpstreamRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one request at the upstream met, in words a failing explanation can name: the mutations
 * that changed its body ({@code add-field, null-field on GET /orders}), a deprecation
 * ({@code deprecate (410 Gone) on GET /v1/orders}), another fault, or the plain route.
 */
final class FaultMet {
    private static final Pattern CHANGED = Pattern.compile(": (\\d+) changed");

    private FaultMet() {
    }

    /** The label of one upstream request; {@code drifts} are the drift events by {@link #key}. */
    static String label(UpstreamRequest u, Map<String, ResponseDrift> drifts) {
        String endpoint = u.method() + " " + u.path();
        if ("drift".equals(u.effect())) {
            ResponseDrift d = drifts.get(key(u.upstream(), u.connectionId(), u.atNanos()));
            if (d == null) {
                return "drift on " + endpoint;
            }
            if (!d.applied()) {
                return "drift left the body alone (" + d.skipped() + ") on " + endpoint;
            }
            List<String> changed = changedWords(d);
            return (changed.isEmpty() ? "drift that changed nothing" : String.join(", ", changed)) + " on " + endpoint;
        }
        if ("deprecate".equals(u.effect())) {
            return (u.status() == 410 ? "deprecate (410 Gone)" : "deprecate") + " on " + endpoint;
        }
        if (u.rule() == null) {
            return "no fault (" + u.effect() + ") on " + endpoint;
        }
        return u.effect() + " on " + endpoint;
    }

    /** The words of the mutations that changed at least one node. */
    static List<String> changedWords(ResponseDrift d) {
        List<String> words = new ArrayList<>();
        for (String m : d.mutations()) {
            Matcher changed = CHANGED.matcher(m);
            if (changed.find() && Long.parseLong(changed.group(1)) > 0) {
                String word = m.split(" ", 2)[0];
                if (!words.contains(word)) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    /** Joins a drift event to its upstream request: same upstream, connection and arrival. */
    static String key(String upstream, long connectionId, long atNanos) {
        return upstream + "|" + connectionId + "|" + atNanos;
    }
}
