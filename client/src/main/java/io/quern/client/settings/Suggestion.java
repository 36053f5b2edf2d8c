package io.quern.client.settings;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The known key nearest a misspelt one, for the error line: {@code worker.slot} suggests {@code worker.slots}. */
final class Suggestion {
    /** Farther than this many edits, a key is another word rather than a typo. */
    private static final int MAX_EDITS = 2;

    private Suggestion() {}

    static Optional<String> closest(String key, Collection<String> known) {
        return known.stream().filter(k -> distance(key, k) <= MAX_EDITS)
                .min(Comparator.comparingInt((String k) -> distance(key, k)).thenComparing(k -> k));
    }

    /** Levenshtein distance, with two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
