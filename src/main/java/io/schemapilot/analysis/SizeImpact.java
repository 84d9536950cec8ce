package io.schemapilot.analysis;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.TableWork;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts table sizes into the findings: for a hazard whose cost is a scan, an index build or a rewrite of a table the
 * catalog has statistics for, says how long the lock is held ({@link TableWork}); on a tiny table (under a second
 * and fewer than {@value #TINY_ROWS} rows) lowers a high or critical risk to medium and says why. Drops, data loss
 * and renames are never touched. One step over a finished {@link FileReport}, applied where findings are made for
 * users (the check service, the planner).
 */
public final class SizeImpact {
    /** Fewer rows than this (and under a second of work) make a table tiny. */
    public static final long TINY_ROWS = 10_000;

    enum Work { SCAN, INDEX, REWRITE }

    private static final Map<String, Work> WORK = Map.ofEntries(
            Map.entry("add-check-constraint-validating", Work.SCAN),
            Map.entry("add-foreign-key-validating", Work.SCAN),
            Map.entry("set-not-null-full-scan", Work.SCAN),
            Map.entry("attach-partition-scan", Work.SCAN),
            Map.entry("validate-constraint-same-transaction", Work.SCAN),
            Map.entry("create-index-non-concurrent", Work.INDEX),
            Map.entry("add-unique-constraint-inline-index", Work.INDEX),
            Map.entry("add-primary-key-inline-index", Work.INDEX),
            Map.entry("add-exclusion-constraint", Work.INDEX),
            Map.entry("reindex-non-concurrent", Work.INDEX),
            Map.entry("add-column-volatile-default", Work.REWRITE),
            Map.entry("add-column-default-pre-pg11", Work.REWRITE),
            Map.entry("add-column-auto-increment", Work.REWRITE),
            Map.entry("add-column-generated-stored", Work.REWRITE),
            Map.entry("alter-column-type-rewrite", Work.REWRITE),
            Map.entry("alter-column-type-lossy", Work.REWRITE),
            Map.entry("vacuum-full-or-cluster", Work.REWRITE),
            Map.entry("storage-rewrite", Work.REWRITE),
            Map.entry("refresh-matview-non-concurrent", Work.REWRITE));

    private SizeImpact() {
    }

    /** The report with size-aware findings; the same report when there is no catalog or nothing applies. */
    public static FileReport apply(FileReport report, CatalogSnapshot catalog) {
        if (report == null || catalog == null || report.findings().isEmpty()) {
            return report;
        }
        List<Finding> out = new ArrayList<>(report.findings().size());
        boolean changed = false;
        for (Finding f : report.findings()) {
            Finding g = apply(f, catalog);
            changed |= g != f;
            out.add(g);
        }
        return changed ? new FileReport(report.path(), report.statements(), report.parseErrors(), out,
                report.unusedIgnores(), report.error(), report.excerpts()) : report;
    }

    static Finding apply(Finding f, CatalogSnapshot catalog) {
        Work work = WORK.get(f.hazard());
        if (work == null || f.object() == null) {
            return f;
        }
        CatalogSnapshot.Table t = table(f.object(), catalog).orElse(null);
        if (!TableWork.known(t)) {
            return f;
        }
        Double seconds = switch (work) {
            case SCAN -> TableWork.scanSeconds(t);
            case INDEX -> TableWork.indexBuildSeconds(t);
            case REWRITE -> TableWork.rewriteSeconds(t);
        };
        if (seconds == null) {
            return f;
        }
        String name = t.schema() + "." + t.name();
        String size = TableWork.size(t.totalBytes());
        String held = f.lock() == null ? "the work takes" : "the " + f.lock().sqlName() + " lock is held for";
        String base = f.message() == null ? "" : f.message().stripTrailing();
        if (seconds < 1 && t.rowEstimate() < TINY_ROWS && f.risk().atLeast(Risk.HIGH)) {
            String what = f.lock() == null ? "the work takes" : "the lock is held for";
            return f.withRisk(Risk.MEDIUM).withMessage(base + " Risk lowered: " + name + " is small ("
                    + TableWork.rows(t.rowEstimate()) + (t.rowEstimate() == 1 ? " row, " : " rows, ") + size
                    + "), so " + what + " well under a second.");
        }
        String duration = TableWork.duration(seconds);
        return f.withMessage(base + " On " + name + " (" + size + ", about " + TableWork.rows(t.rowEstimate())
                + (t.rowEstimate() == 1 ? " row" : " rows") + ") " + held
                + (seconds < 1 ? " " : " about ") + duration + " (estimated from the catalog's sizes).");
    }

    /**
     * The table a finding's object names: the table itself ("public.orders"), a column of it ("public.orders.qty"),
     * or an index on it.
     */
    static Optional<CatalogSnapshot.Table> table(String object, CatalogSnapshot catalog) {
        List<String> parts = split(object);
        if (parts.isEmpty() || parts.size() > 3) {
            return Optional.empty();
        }
        QualifiedName whole = parts.size() == 1 ? new QualifiedName(null, parts.get(0))
                : parts.size() == 2 ? new QualifiedName(parts.get(0), parts.get(1)) : null;
        if (whole != null) {
            Optional<CatalogSnapshot.Table> t = catalog.table(whole);
            if (t.isPresent()) {
                return t;
            }
            Optional<Map.Entry<CatalogSnapshot.Table, CatalogSnapshot.Index>> ix = catalog.index(whole);
            if (ix.isPresent()) {
                return Optional.of(ix.get().getKey());
            }
        }
        // a column: the table is the name without its last part
        if (parts.size() == 3) {
            return catalog.table(new QualifiedName(parts.get(0), parts.get(1)));
        }
        if (parts.size() == 2) {
            return catalog.table(new QualifiedName(null, parts.get(0)));
        }
        return Optional.empty();
    }

    /** Dotted name parts; double-quoted parts keep their dots and case. */
    static List<String> split(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else if (Character.isWhitespace(c) && !quoted) {
                return List.of(); // not a plain name (e.g. "index x on y")
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts.stream().anyMatch(String::isEmpty) ? List.of() : parts;
    }
}
