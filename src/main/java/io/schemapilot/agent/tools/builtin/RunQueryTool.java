package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ReadOnlySqlCheck;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.checks.Secrets;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGResultSetMetaData;

/**
 * {@code run_query}: one read-only query against the current database. Two walls: the text is refused before
 * anything is sent unless {@link ReadOnlySqlCheck} finds exactly one SELECT / WITH (or VALUES, TABLE, SHOW, plain
 * EXPLAIN) without a data-modifying CTE, row locks or other side effects; then it runs in a {@code READ ONLY}
 * transaction with {@code statement_timeout} and {@code lock_timeout}, which is always rolled back. At most
 * {@link ToolContext.Limits#queryRowCap()} rows come back, and values of secret-looking columns are masked.
 */
public final class RunQueryTool implements AgentTool {

    static final int MAX_CELL = 500;
    static final String MASK = "***";

    @Override
    public String name() {
        return "run_query";
    }

    @Override
    public String description() {
        return "Run ONE read-only SQL query (SELECT or WITH ... SELECT; also VALUES, TABLE, SHOW, EXPLAIN without"
                + " ANALYZE) on the current database and get the rows as JSON. Anything else is refused before it is"
                + " sent: data-modifying statements or CTEs, DDL, FOR UPDATE/SHARE, several statements, functions with"
                + " side effects. Runs in a read-only transaction with a statement timeout; rows are capped (add a"
                + " LIMIT and aggregate with count(*) where you can); secret-looking columns are masked.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty(ToolRegistry.SCHEMA_FILE_ARG, ToolRegistry.SCHEMA_FILE_DOC)
                .addStringProperty("sql", "The query, e.g. SELECT status, count(*) FROM orders GROUP BY 1")
                .addIntegerProperty("max_rows", "Return at most this many rows (capped by the session's row limit).")
                .required("sql")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        String sql = Args.required(arguments, "sql");
        String problem = ReadOnlySqlCheck.problem(sql);
        if (problem != null) {
            throw new ToolFailure("refused (nothing was sent to the database): " + problem
                    + "; run_query takes one read-only SELECT");
        }
        int cap = Math.max(1, context.limits().queryRowCap());
        Integer asked = Args.integer(arguments, "max_rows");
        int maxRows = asked == null ? cap : Math.max(1, Math.min(asked, cap));
        Duration timeout = context.limits().queryTimeout();
        try (Targets.QuerySession session = Targets.openForQueries(context, timeout)) {
            return ToolResult.json(run(session.connection(), strip(sql), maxRows, timeout));
        }
    }

    /** Runs the (already checked) query in a read-only transaction that is rolled back. */
    static ObjectNode run(Connection c, String sql, int maxRows, Duration timeout) throws ToolFailure {
        long started = System.nanoTime();
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
                st.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                st.execute("SET LOCAL lock_timeout = 2000");
                st.execute("SET LOCAL idle_in_transaction_session_timeout = 60000");
                st.setMaxRows(maxRows + 1);
                st.setFetchSize(Math.min(maxRows + 1, 500));
                try (ResultSet rs = st.executeQuery(sql)) {
                    return rows(rs, maxRows, started);
                }
            } finally {
                try {
                    c.rollback();
                } finally {
                    c.setAutoCommit(auto);
                }
            }
        } catch (SQLException e) {
            throw new ToolFailure(describe(e, timeout));
        }
    }

    private static ObjectNode rows(ResultSet rs, int maxRows, long started) throws SQLException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>();
        boolean[] secret = new boolean[n + 1];
        ObjectNode out = f.objectNode();
        ArrayNode cols = out.putArray("columns");
        ArrayNode masked = f.arrayNode();
        for (int i = 1; i <= n; i++) {
            String label = md.getColumnLabel(i);
            String base = baseColumn(md, i);
            names.add(label);
            secret[i] = Secrets.looksSecret(label) || Secrets.looksSecret(base);
            cols.add(label + " " + md.getColumnTypeName(i));
            if (secret[i]) {
                masked.add(label);
            }
        }
        ArrayNode rows = out.putArray("rows");
        int count = 0;
        boolean more = false;
        while (rs.next()) {
            if (count == maxRows) {
                more = true;
                break;
            }
            ObjectNode row = f.objectNode();
            for (int i = 1; i <= n; i++) {
                row.set(names.get(i - 1), value(rs, i, md.getColumnType(i), secret[i]));
            }
            rows.add(row);
            count++;
        }
        out.put("row_count", count);
        out.put("truncated", more);
        if (more) {
            out.put("note", "only the first " + maxRows + " rows are shown; aggregate or add a LIMIT / WHERE");
        }
        if (!masked.isEmpty()) {
            out.set("masked_columns", masked);
        }
        out.put("took_ms", (System.nanoTime() - started) / 1_000_000);
        return out;
    }

    /** The table column a result column comes from (through an alias), or "" for an expression. */
    private static String baseColumn(ResultSetMetaData md, int i) {
        try {
            return md.unwrap(PGResultSetMetaData.class).getBaseColumnName(i);
        } catch (SQLException | RuntimeException e) {
            return "";
        }
    }

    private static JsonNode value(ResultSet rs, int i, int type, boolean secret) throws SQLException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Object o = rs.getObject(i);
        if (o == null) {
            return f.nullNode();
        }
        if (secret) {
            return f.textNode(MASK);
        }
        switch (type) {
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.TINYINT:
                return f.numberNode(rs.getLong(i));
            case Types.NUMERIC:
            case Types.DECIMAL: {
                BigDecimal d = rs.getBigDecimal(i);
                return d == null ? f.nullNode() : f.numberNode(d);
            }
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE: {
                double d = rs.getDouble(i);
                return Double.isFinite(d) ? f.numberNode(d) : f.textNode(Double.toString(d));
            }
            case Types.BOOLEAN:
            case Types.BIT:
                return f.booleanNode(rs.getBoolean(i));
            default: {
                String s = rs.getString(i);
                if (s == null) {
                    return f.nullNode();
                }
                return f.textNode(s.length() > MAX_CELL ? s.substring(0, MAX_CELL) + "... [" + s.length() + " chars]" : s);
            }
        }
    }

    private static String describe(SQLException e, Duration timeout) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = e.getMessage() == null ? state : e.getMessage().lines().findFirst().orElse("").strip();
        if (state.equals("57014")) {
            return "the query ran longer than the " + timeout.toMillis() + " ms statement timeout and was cancelled;"
                    + " narrow it (WHERE, LIMIT), aggregate, or use estimates (pg_class.reltuples, pg_stats)";
        }
        if (state.equals("55P03")) {
            return "the query waited too long for a lock and was cancelled; try again later";
        }
        if (state.equals("25006")) {
            return "refused by the database: the transaction is read-only (" + msg + ")";
        }
        if (state.startsWith("08")) {
            return "lost the connection to the database: " + msg;
        }
        return "the query failed: " + msg;
    }

    /** The query without a trailing semicolon (JDBC takes one statement). */
    private static String strip(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
