package dev.spendgate.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known word nearest to a mistyped one ({@code bugdet} → {@code budget}), comparing
 * case-insensitively by edit distance with adjacent transpositions counted once.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * The candidate closest to {@code typed}, if it is close enough to be what was meant: at most
     * one edit for words up to 5 letters, two up to 8, three beyond (ties go to the first
     * candidate); else the candidate that is its plural or singular, or the only candidate it is
     * the first three or more letters of.
     */
    public static Optional<String> suggest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = t.length() <= 5 ? 1 : t.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (Math.abs(c.length() - t.length()) > limit) {
                continue; // the distance is at least the difference in length
            }
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= limit) {
            return best.equals(typed) ? Optional.empty() : Optional.of(best);
        }
        // singular for plural (maxRetry for maxRetries), or an abbreviation of exactly one word (prod)
        String single = null;
        int prefixes = 0;
        for (String c : candidates) {
            String l = c.toLowerCase(Locale.ROOT);
            if (singular(l).equals(singular(t))) {
                return Optional.of(c);
            }
            if (t.length() >= 3 && l.startsWith(t)) {
                single = c;
                prefixes++;
            }
        }
        return prefixes == 1 ? Optional.of(single) : Optional.empty();
    }

    private static String singular(String word) {
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        return word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and transpositions. */
    static int distance(String a, String b) {
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
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
