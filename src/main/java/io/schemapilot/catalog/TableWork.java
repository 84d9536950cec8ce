package io.schemapilot.catalog;

import java.util.Locale;

/**
 * Rough durations of work on a table from the catalog's sizes (row estimate and total bytes): deliberately simple,
 * conservative throughputs of a busy server. Each estimate is null when the table's size is unknown (never
 * analysed: {@code rowEstimate < 0}, or no size).
 */
public final class TableWork {
    /** A catalog-only change: the lock is held for about this long once granted. */
    public static final double METADATA_SECONDS = 0.05;
    public static final double SCAN_BYTES_PER_SECOND = 200e6;
    public static final double INDEX_BYTES_PER_SECOND = 50e6;
    public static final double REWRITE_BYTES_PER_SECOND = 40e6;

    private TableWork() {
    }

    /** The catalog knows the table's row estimate and size. */
    public static boolean known(CatalogSnapshot.Table t) {
        return t != null && t.rowEstimate() >= 0 && t.totalBytes() >= 0;
    }

    /** A full read of the table (VALIDATE, a verification scan). */
    public static Double scanSeconds(CatalogSnapshot.Table t) {
        return known(t) ? round(METADATA_SECONDS + t.totalBytes() / SCAN_BYTES_PER_SECOND) : null;
    }

    /** A plain (not concurrent) index build: one scan and a sort, all under the lock. */
    public static Double indexBuildSeconds(CatalogSnapshot.Table t) {
        return known(t) ? round(METADATA_SECONDS + t.totalBytes() / INDEX_BYTES_PER_SECOND) : null;
    }

    /** A concurrent index build: two scans and a sort, waiting for older transactions. */
    public static Double concurrentIndexBuildSeconds(CatalogSnapshot.Table t) {
        return known(t) ? round(1 + 3 * t.totalBytes() / INDEX_BYTES_PER_SECOND) : null;
    }

    /** A table rewrite (ALTER TYPE, volatile default, VACUUM FULL) under its lock. */
    public static Double rewriteSeconds(CatalogSnapshot.Table t) {
        return known(t) ? round(METADATA_SECONDS + t.totalBytes() / REWRITE_BYTES_PER_SECOND) : null;
    }

    /** Two decimals, at least 0.01 s. */
    public static double round(double s) {
        return s < 0.01 ? 0.01 : Math.round(s * 100) / 100.0;
    }

    /** "40 GB", "512 kB", "1.5 MB", "800 bytes" (binary units, as {@code pg_size_pretty} names them). */
    public static String size(long bytes) {
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return number(v) + " " + units[u];
    }

    /** "12 s", "14 min", "2.5 h"; "well under a second" below 1 s. */
    public static String duration(double seconds) {
        if (seconds < 1) {
            return "well under a second";
        }
        if (seconds < 60) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 3600) {
            return Math.round(seconds / 60) + " min";
        }
        return number(seconds / 3600) + " h";
    }

    /** "120,000,000". */
    public static String rows(long rows) {
        return String.format(Locale.ROOT, "%,d", rows);
    }

    private static String number(double v) {
        if (v >= 10) {
            return Long.toString(Math.round(v));
        }
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
