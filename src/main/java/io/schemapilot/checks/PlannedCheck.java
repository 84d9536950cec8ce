package io.schemapilot.checks;

import io.schemapilot.sql.QualifiedName;
import java.util.List;
import java.util.Locale;

/**
 * One data check a careful engineer would run before a statement of the migration: what to count, on which table,
 * and how to estimate it without scanning. Made by {@link DataCheckPlanner}, run by {@link DataCheckRunner}.
 *
 * @param id         e.g. {@code nulls-orders-status}, unique within a plan
 * @param object     what the check is about, schema-qualified: {@code public.orders.status} or {@code public.orders}
 * @param table      the table queried, as it is named in the database today (schema null: along search_path)
 * @param columns    the columns concerned (empty for whole-table checks)
 * @param statement  the 1-based statement of the migration the check is about
 * @param sampleKeys the columns whose values identify an offending row in the sample (never secret-looking ones);
 *                   {@code ctid} when the table has no usable key
 * @param note       what the planner wants the reader to know (an approximation, a NOT VALID constraint, ...), or null
 * @param advisory   the migration changes this data before the statement, so the count describes today's data and
 *                   does not decide whether the statement will fail
 */
public record PlannedCheck(String id, Kind kind, String object, QualifiedName table, List<String> columns,
                           int statement, Probe probe, List<String> sampleKeys, String note, boolean advisory) {

    public PlannedCheck {
        columns = List.copyOf(columns);
        sampleKeys = sampleKeys.stream().filter(k -> !Secrets.looksSecret(k)).toList();
    }

    /** The {@code kind} of the report's data check. */
    public enum Kind {
        NULLS, DUPLICATES, ORPHANS, CAST, CHECK, ENUM, DATA_LOSS;

        /** {@code nulls}, {@code duplicates}, ..., {@code data-loss} */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What to count. */
    public sealed interface Probe permits Rows, Cast, Duplicates, Orphans, Evaluate, Unavailable {
    }

    /**
     * Rows of {@code table} for which {@code condition} is true (every row when null). Checks of this shape on one
     * table share one scan.
     *
     * @param from a FROM clause to use instead of the table (a DELETE with an alias or USING), or null; such a
     *             check gets a query of its own
     */
    public record Rows(String condition, Estimate estimate, String from) implements Probe {
        public Rows(String condition, Estimate estimate) {
            this(condition, estimate, null);
        }
    }

    /**
     * Values that would fail a type change. Servers from PostgreSQL 16 on use {@code pg16Condition} (built on
     * {@code pg_input_is_valid}) when there is one; older ones the portable {@code condition}; when that is null,
     * {@code evaluate} is evaluated on every row, as {@link Evaluate}.
     */
    public record Cast(String condition, String conditionNote, String pg16Condition, String pg16Note,
                       String evaluate) implements Probe {
        /** The condition for a server, or null when the server needs {@link #evaluate}. */
        public String condition(int serverVersionNum) {
            return pg16Condition != null && serverVersionNum >= 160000 ? pg16Condition : condition;
        }

        public String note(int serverVersionNum) {
            return pg16Condition != null && serverVersionNum >= 160000 ? pg16Note : conditionNote;
        }
    }

    /**
     * Groups of rows with equal non-null keys.
     *
     * @param where the partial index predicate, or null
     */
    public record Duplicates(List<Key> keys, String where) implements Probe {
        public Duplicates {
            keys = List.copyOf(keys);
        }
    }

    /**
     * A key of a uniqueness check: a column or an index expression.
     *
     * @param sql   the SQL text (a quoted column, or the expression)
     * @param label the name it has in the sample
     */
    public record Key(String sql, String label) {
        public boolean secret() {
            return Secrets.looksSecret(label) || Secrets.looksSecret(sql);
        }
    }

    /** Rows whose foreign key (all columns non-null: MATCH SIMPLE) has no referenced row. */
    public record Orphans(List<String> columns, QualifiedName refTable, List<String> refColumns) implements Probe {
        public Orphans {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }

    /**
     * An expression evaluated on every row: the check passes when no row raises an error. PostgreSQL stops at the
     * first failing row, so a failure counts 1 ("at least one").
     */
    public record Evaluate(String expression) implements Probe {
    }

    /** A check that cannot be run, and why. */
    public record Unavailable(String reason) implements Probe {
    }

    /**
     * How to estimate the count from statistics.
     *
     * @param column the column whose {@code pg_stats} row is used, or null
     * @param values for VALUES_IN / VALUES_NOT_IN: the values compared (as text)
     */
    public record Estimate(EstimateKind kind, String column, List<String> values) {
        public static final Estimate NONE = new Estimate(EstimateKind.NONE, null, List.of());
        public static final Estimate ROWS = new Estimate(EstimateKind.ROWS, null, List.of());

        public Estimate {
            values = List.copyOf(values);
        }

        public static Estimate nulls(String column) {
            return new Estimate(EstimateKind.NULLS, column, List.of());
        }

        public static Estimate nonNulls(String column) {
            return new Estimate(EstimateKind.NON_NULLS, column, List.of());
        }

        public static Estimate valuesIn(String column, List<String> values) {
            return new Estimate(EstimateKind.VALUES_IN, column, values);
        }

        public static Estimate valuesNotIn(String column, List<String> values) {
            return new Estimate(EstimateKind.VALUES_NOT_IN, column, values);
        }
    }

    public enum EstimateKind {
        /** statistics cannot tell */
        NONE,
        /** every row */
        ROWS,
        /** rows where the column is NULL */
        NULLS,
        /** rows where the column is not NULL */
        NON_NULLS,
        /** rows whose value (as text) is one of {@code values} */
        VALUES_IN,
        /** non-null rows whose value (as text) is none of {@code values} */
        VALUES_NOT_IN
    }
}
