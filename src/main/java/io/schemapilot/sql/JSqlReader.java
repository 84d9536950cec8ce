package io.schemapilot.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The general reader: JSqlParser, for statements the fast path does not know. It runs the generated parser
 * directly (not {@code CCJSqlParserUtil.parse}, which starts an executor thread per statement) and maps what the
 * rules care about into the change model; everything else it reads becomes {@link Change.Other}.
 */
final class JSqlReader {

    /** @param changes null when JSqlParser could not read the statement; then {@code error} says why */
    record Result(List<Change> changes, String error) {
    }

    private JSqlReader() {
    }

    static Result read(String sql) {
        Statement stmt;
        try {
            CCJSqlParser parser = new CCJSqlParser(new StringProvider(sql));
            stmt = parser.Statement();
        } catch (Exception | Error e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = msg.indexOf('\n');
            return new Result(null, "could not read this statement: " + (nl > 0 ? msg.substring(0, nl) : msg));
        }
        List<Change> out = new ArrayList<>();
        if (stmt instanceof Delete d) {
            out.add(new Change.Delete(name(d.getTable()), d.getWhere() != null));
        } else if (stmt instanceof Update u) {
            List<String> cols = new ArrayList<>();
            u.getUpdateSets().forEach(s -> s.getColumns().forEach(col -> cols.add(ident(col.getColumnName()))));
            out.add(new Change.Update(name(u.getTable()), u.getWhere() != null, cols));
        } else if (stmt instanceof Insert i) {
            out.add(new Change.Insert(name(i.getTable()), i.getSelect() != null && i.getValues() == null));
        } else if (stmt instanceof Select) {
            out.add(new Change.Other("select", null));
        } else {
            String simple = stmt.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            out.add(new Change.Other(simple, null));
        }
        return new Result(out, null);
    }

    private static QualifiedName name(Table t) {
        if (t == null) {
            return null;
        }
        return new QualifiedName(t.getSchemaName() == null ? null : ident(t.getSchemaName()), ident(t.getName()));
    }

    private static String ident(String s) {
        if (s == null) {
            return null;
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}
