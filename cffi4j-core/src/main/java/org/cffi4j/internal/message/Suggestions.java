package org.cffi4j.internal.message;

import java.util.Collection;

/**
 * "Did you mean" for names the user mistyped: the declared name nearest to the one asked for, by
 * edit distance (a letter inserted, deleted, changed, or two neighbours swapped), if it is near
 * enough to be a likely typo.
 */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The sentence to append to a "no such name" message: {@code "; did you mean 'strlen'?"}, or the
     * empty string when no candidate is close to {@code name}.
     *
     * @param name the name asked for
     * @param candidates the names that exist
     */
    public static String didYouMean(String name, Collection<String> candidates) {
        String best = nearest(name, candidates);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /**
     * The candidate nearest to {@code name}, or null when none is within a likely typo: at most one
     * edit for names of up to four characters, two up to eight, three beyond. Ties go to the
     * alphabetically first, so that the answer does not depend on the order of the candidates. A
     * candidate that shares no letter with the name ({@code 'x'} for {@code 'z'}) is no typo of it.
     */
    public static String nearest(String name, Collection<String> candidates) {
        if (name == null) {
            return null;
        }
        int limit = name.length() <= 4 ? 1 : name.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates) {
            if (candidate.equals(name) || Math.abs(candidate.length() - name.length()) > limit) {
                continue;
            }
            int d = distance(name, candidate);
            if (d >= Math.max(name.length(), candidate.length())) {
                continue;
            }
            if (d < bestDistance || d == bestDistance && best != null && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /** The optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
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
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
