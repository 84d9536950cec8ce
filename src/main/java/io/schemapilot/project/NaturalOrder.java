package io.schemapilot.project;

import java.util.Comparator;

/**
 * Orders names as people number migrations: runs of digits compare as numbers, so {@code V2__a.sql} comes before
 * {@code V10__b.sql} (leading zeros do not count; {@code V2} and {@code V002} are told apart only by the final
 * tie-break, the plain {@link String#compareTo}). The variants differ only in how the other characters compare.
 */
public final class NaturalOrder implements Comparator<String> {

    /** Other characters compared exactly (upper case before lower case). */
    public static final NaturalOrder EXACT = new NaturalOrder(false, false);

    /** Other characters compared ignoring case. */
    public static final NaturalOrder IGNORE_CASE = new NaturalOrder(true, false);

    /**
     * Ignoring case, and a digit sorts after any other character, so the shorter version comes first:
     * {@code V1__a} before {@code V1_1__a}.
     */
    public static final NaturalOrder VERSIONS = new NaturalOrder(true, true);

    private final boolean ignoreCase;
    private final boolean digitsLast;

    private NaturalOrder(boolean ignoreCase, boolean digitsLast) {
        this.ignoreCase = ignoreCase;
        this.digitsLast = digitsLast;
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            boolean digitA = Character.isDigit(ca);
            boolean digitB = Character.isDigit(cb);
            if (digitA && digitB) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else if (digitsLast && digitA != digitB) {
                return digitA ? 1 : -1;
            } else {
                int c = ignoreCase
                        ? Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb))
                        : Character.compare(ca, cb);
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
