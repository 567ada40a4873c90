package dev.g4j.provider.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Helpers for model names: the closest valid name to a typo, and the error text that suggests it. */
public final class ModelNames {
    private ModelNames() {
    }

    /**
     * The name among {@code candidates} closest to {@code requested} by edit distance, ignoring case; empty when
     * none is close enough to be a plausible typo (more than half of the requested name would have to change).
     */
    public static Optional<String> closest(String requested, Collection<String> candidates) {
        if (requested == null || candidates.isEmpty()) {
            return Optional.empty();
        }
        String wanted = requested.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int limit = Math.max(2, wanted.length() / 2);
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** "Model 'x' is not served by P. Did you mean 'y'? Valid names: a, b, c." */
    public static String notFoundMessage(String requested, String servedBy, Collection<String> validNames) {
        StringBuilder sb = new StringBuilder("Model '").append(requested).append("' is not served by ").append(servedBy).append('.');
        closest(requested, validNames).ifPresent(c -> sb.append(" Did you mean '").append(c).append("'?"));
        sb.append(" Valid names: ").append(String.join(", ", validNames)).append('.');
        return sb.toString();
    }

    /** Levenshtein distance, in O(a·b) time and O(b) space. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
