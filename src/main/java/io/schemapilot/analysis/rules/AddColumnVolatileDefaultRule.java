package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.Lexer;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.Token;
import java.util.List;
import java.util.Set;

/** {@code ADD COLUMN ... DEFAULT <volatile expression>} on PostgreSQL 11+ rewrites the table to fill every row. */
public final class AddColumnVolatileDefaultRule implements Rule {
    private static final Set<String> VOLATILE = Set.of("random", "random_normal", "gen_random_uuid", "gen_random_bytes",
            "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp",
            "timeofday", "nextval", "currval", "lastval", "setval", "setseed");
    /** Immutable or stable functions: their value is computed once, so PG 11+ stores it as a fast default. */
    private static final Set<String> NOT_VOLATILE = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "current_timestamp", "current_time", "localtimestamp", "localtime", "current_date", "current_setting",
            "current_schema", "coalesce", "nullif", "greatest", "least", "cast", "array", "row", "lower", "upper",
            "btrim", "ltrim", "rtrim", "trim", "concat", "concat_ws", "length", "abs", "round", "md5", "to_jsonb",
            "to_json", "jsonb_build_object", "jsonb_build_array", "json_build_object", "json_build_array",
            "array_fill", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval",
            "date_trunc", "to_timestamp", "to_date", "to_char", "timezone", "extract", "date_part", "interval",
            "timestamp", "timestamptz", "time", "numeric", "decimal", "varchar", "char", "character", "bit",
            "float", "int4range", "int8range", "numrange", "tstzrange", "daterange", "point", "inet_client_addr",
            // the argument-less built-ins that are not volatile (pg_proc.provolatile 's' or 'i'), as squawk's list
            "current_database", "current_user", "session_user", "getpgusername", "inet_client_port",
            "inet_server_addr", "inet_server_port", "pg_backend_pid", "pg_client_encoding", "pg_conf_load_time",
            "pg_postmaster_start_time", "pg_my_temp_schema", "getdatabaseencoding", "get_current_ts_config",
            "txid_current", "txid_current_if_assigned", "txid_current_snapshot", "pg_current_xact_id",
            "pg_current_xact_id_if_assigned", "pg_current_snapshot", "version", "pi",
            // common immutable/stable string and hash functions
            "replace", "substr", "substring", "left", "right", "split_part", "format", "regexp_replace", "encode",
            "decode", "sha256", "sha512", "to_tsvector", "date", "text");

    enum Volatility { NOT_VOLATILE, VOLATILE, UNKNOWN }

    /** How volatile a default expression is, and the function that decides it (null when none does). */
    record Verdict(Volatility volatility, String function) {
    }

    @Override
    public Hazard hazard() {
        return Hazard.ADD_COLUMN_VOLATILE_DEFAULT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        if (!ctx.pgVersion().atLeast(11)) {
            return; // before 11 every default rewrites: add-column-default-pre-pg11 reports it
        }
        for (Change.AddColumn ac : st.changes(Change.AddColumn.class)) {
            ColumnDef col = ac.column();
            if (!col.hasDefault() || ctx.isNew(ac.target())) {
                continue;
            }
            Verdict v = classify(col.defaultExpr());
            if (v.volatility() == Volatility.NOT_VOLATILE) {
                continue;
            }
            String table = ctx.display(ac.target());
            String message = v.volatility() == Volatility.VOLATILE
                    ? "Adding column " + col.name() + " with the volatile default " + col.defaultExpr()
                    + " rewrites all of " + table + " under an ACCESS EXCLUSIVE lock, blocking reads and writes "
                    + "until every row has its own value."
                    : "Adding column " + col.name() + " with DEFAULT " + col.defaultExpr() + " rewrites all of "
                    + table + " under an ACCESS EXCLUSIVE lock, blocking reads and writes, if " + v.function()
                    + "() is volatile (schemapilot cannot tell; functions are VOLATILE unless declared otherwise).";
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .rewrite(true)
                    .message(message)
                    .help("Add the column without a default, SET DEFAULT for new rows, then backfill existing rows "
                            + "in batches.")
                    .fix(ColumnConstraintRecipes.addThenBackfill(ac.target(), col, col.defaultExpr(), ctx.pgVersion()))
                    .add();
        }
    }

    /**
     * Classifies a default expression from its text: known volatile functions, known stable/immutable ones
     * (constants, casts, {@code now()}, {@code CURRENT_TIMESTAMP}), and calls to anything else (unknown).
     */
    static Verdict classify(String expression) {
        List<Token> t = Lexer.tokens(expression);
        String unknown = null;
        for (int i = 0; i + 1 < t.size(); i++) {
            Token name = t.get(i);
            if (!name.isIdentifier() || !t.get(i + 1).isPunct('(')) {
                continue;
            }
            Token prev = i > 0 ? t.get(i - 1) : null;
            if (isTypeName(t, i)) {
                continue; // a type with modifiers: 'x'::character varying(20), CAST(x AS numeric(10,2))
            }
            boolean qualified = prev != null && prev.isPunct('.');
            String schema = qualified && i >= 2 ? t.get(i - 2).value() : null;
            String fn = name.value();
            if (VOLATILE.contains(fn)) {
                return new Verdict(Volatility.VOLATILE, fn);
            }
            boolean known = NOT_VOLATILE.contains(fn) && (schema == null || schema.equals("pg_catalog"));
            if (!known && unknown == null) {
                unknown = schema == null ? fn : schema + "." + fn;
            }
        }
        return unknown == null ? new Verdict(Volatility.NOT_VOLATILE, null) : new Verdict(Volatility.UNKNOWN, unknown);
    }

    /** The word at {@code i} ends a type name written after {@code ::} or CAST's {@code AS}. */
    private static boolean isTypeName(List<Token> t, int i) {
        int j = i - 1;
        while (j >= 0 && (t.get(j).isIdentifier() || t.get(j).isPunct('.')) && !t.get(j).isWord("as")) {
            j--;
        }
        return j >= 0 && (t.get(j).isOperator("::") || t.get(j).isWord("as"));
    }
}
