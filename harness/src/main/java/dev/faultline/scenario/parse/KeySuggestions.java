package dev.faultline.scenario.parse;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key an author most likely meant, for "did you mean" hints. */
final class KeySuggestions {
    private KeySuggestions() {
    }

    /**
     * The known key closest to {@code key}: one spelled the same apart from case, {@code _} or
     * camelCase for {@code -}, else one within a few edits (fewer for short keys).
     */
    static Optional<String> closest(String key, Collection<String> known) {
        String normalized = normalize(key);
        for (String candidate : known) {
            if (candidate.equals(normalized)) {
                return Optional.of(candidate);
            }
        }
        int allowed = key.length() <= 3 ? 1 : key.length() <= 6 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(normalized, candidate);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    // maxAmplification, max_amplification and MAX-AMPLIFICATION all become max-amplification.
    private static String normalize(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    }

    // Optimal string alignment distance: Levenshtein plus swaps of two neighbouring letters.
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
