package io.schemapilot.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The hand-written reader for the statement forms the hazard rules care about (the fast path). Returns null for a
 * statement it does not know, so the caller can try JSqlParser; throws {@link TokenCursor.ParseFailure} for a
 * known form it cannot read.
 */
final class FastReader {
    private static final Set<String> COLUMN_STOP = Set.of("constraint", "not", "null", "default", "primary", "unique",
            "check", "references", "generated", "collate", "deferrable", "initially", "using", "compression", "storage");
    private static final Set<String> HARMLESS = Set.of("select", "values", "show", "explain", "comment", "grant",
            "revoke", "copy", "notify", "listen", "unlisten", "discard", "checkpoint", "analyze", "analyse", "fetch",
            "move", "close", "declare", "prepare", "execute", "deallocate", "call", "security", "import", "load",
            "reassign", "table", "merge");

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private final TokenCursor c;

    private FastReader(TokenCursor c) {
        this.c = c;
    }

    static List<Change> read(List<Token> tokens, String text, int base) {
        if (tokens.isEmpty()) {
            return List.of();
        }
        return new FastReader(new TokenCursor(tokens, text, base)).statement();
    }

    private List<Change> one(Change ch) {
        return List.of(ch);
    }

    private List<Change> statement() {
        Token first = c.peek();
        if (!first.isWord()) {
            if (first.isPunct('(')) {
                return one(new Change.Other("select", null));
            }
            return null;
        }
        String kw = first.value();
        switch (kw) {
            case "alter":
                c.next();
                return alter();
            case "create":
                c.next();
                return create();
            case "drop":
                c.next();
                return drop();
            case "truncate":
                c.next();
                return truncate();
            case "delete":
            case "update":
            case "insert":
                return dml();
            case "with":
                return with();
            case "lock":
                c.next();
                return lock();
            case "vacuum":
                c.next();
                return vacuum();
            case "reindex":
                c.next();
                return reindex();
            case "cluster":
                c.next();
                return cluster();
            case "refresh":
                c.next();
                return refresh();
            case "set":
            case "reset":
                return set();
            case "begin":
            case "start":
            case "commit":
            case "end":
            case "rollback":
            case "abort":
            case "savepoint":
            case "release":
                return transaction();
            case "do":
                return null; // handled by StatementParser (needs the nested reader)
            case "select":
                List<Change> set = setConfig();
                return set.isEmpty() ? one(new Change.Other("select", null)) : set;
            default:
                if (HARMLESS.contains(kw)) {
                    if (kw.equals("prepare") && c.isWord(1, "transaction")) {
                        return one(new Change.Transaction(Change.Transaction.Kind.PREPARE));
                    }
                    return one(new Change.Other(kw, null));
                }
                return null;
        }
    }

    // ---- ALTER -------------------------------------------------------------------------------------------------

    private List<Change> alter() {
        if (c.accept("table")) {
            return alterTable();
        }
        if (c.accept("type")) {
            return alterType();
        }
        if (c.accept("domain")) {
            return alterDomain();
        }
        if (c.accept("schema")) {
            QualifiedName s = new QualifiedName(null, c.identifier());
            if (c.accept("rename", "to")) {
                return one(new Change.RenameSchema(s, c.identifier()));
            }
            return one(new Change.Other("alter schema", s));
        }
        if (c.accept("index")) {
            c.accept("if", "exists");
            QualifiedName idx = c.qualifiedName();
            return one(new Change.Other("alter index", idx));
        }
        if (c.isWord("view") || c.isWord("materialized") && c.isWord(1, "view")) {
            String kind = c.accept("view") ? "VIEW" : "MATERIALIZED VIEW";
            if (kind.equals("MATERIALIZED VIEW")) {
                c.expect("materialized", "view");
            }
            c.accept("if", "exists");
            QualifiedName view = c.qualifiedName();
            if (c.accept("rename", "to")) {
                return one(new Change.RenameTable(view, c.identifier(), kind));
            }
            // other forms: as before, understood and nothing to say
            return one(new Change.Other(kind.equals("VIEW") ? "alter view" : "alter materialized", null));
        }
        if (c.isWord("policy") || c.isWord("trigger")) {
            // ALTER POLICY / ALTER TRIGGER name ON table ...: ACCESS EXCLUSIVE on the table
            String kind = c.next().value();
            c.identifier();
            c.expect("on");
            return one(new Change.Other("alter " + kind, c.qualifiedName()));
        }
        Token t = c.peek();
        String what = t == null ? "" : t.value();
        return one(new Change.Other("alter " + what, null));
    }

    private List<Change> alterTable() {
        c.accept("if", "exists");
        c.accept("only");
        if (c.isWord("all") && c.isWord(1, "in")) {
            return one(new Change.Other("alter table all in tablespace", null));
        }
        QualifiedName table = c.qualifiedName();
        if (c.peek() != null && c.peek().isOperator("*")) {
            c.next();
        }
        List<Change> out = new ArrayList<>();
        if (c.accept("rename")) {
            if (c.accept("to")) {
                out.add(new Change.RenameTable(table, c.identifier()));
            } else if (c.accept("constraint")) {
                String from = c.identifier();
                c.expect("to");
                out.add(new Change.Other("rename constraint", table));
                c.identifier();
            } else {
                c.accept("column");
                String from = c.identifier();
                c.expect("to");
                out.add(new Change.RenameColumn(table, from, c.identifier()));
            }
            return out;
        }
        if (c.accept("set", "schema")) {
            return one(new Change.OtherTableAction(table, "SET SCHEMA " + c.identifier()));
        }
        if (c.accept("attach", "partition")) {
            QualifiedName part = c.qualifiedName();
            if (c.accept("default")) {
                return one(new Change.AttachPartition(table, part, "DEFAULT", true));
            }
            c.expect("for", "values");
            return one(new Change.AttachPartition(table, part, c.rest(), false));
        }
        if (c.accept("detach", "partition")) {
            QualifiedName part = c.qualifiedName();
            boolean conc = c.accept("concurrently");
            boolean fin = c.accept("finalize");
            return one(new Change.DetachPartition(table, part, conc, fin));
        }
        do {
            out.add(alterAction(table));
        } while (c.acceptPunct(','));
        if (!c.atEnd()) {
            throw new TokenCursor.ParseFailure("unexpected '" + c.peek().text() + "' in ALTER TABLE" + c.near());
        }
        return out;
    }

    private Change alterAction(QualifiedName table) {
        if (c.accept("add")) {
            if (c.isWord("constraint") || c.isWord("check") || c.isWord("unique") || c.isWord("primary")
                    || c.isWord("foreign") || c.isWord("exclude")) {
                return new Change.AddConstraint(table, tableConstraint());
            }
            c.accept("column");
            boolean ifNotExists = c.accept("if", "not", "exists");
            return new Change.AddColumn(table, columnDef(), ifNotExists);
        }
        if (c.accept("drop")) {
            if (c.accept("constraint")) {
                boolean ifExists = c.accept("if", "exists");
                String name = c.identifier();
                boolean cascade = c.accept("cascade");
                c.accept("restrict");
                return new Change.DropConstraint(table, name, ifExists, cascade);
            }
            c.accept("column");
            boolean ifExists = c.accept("if", "exists");
            String col = c.identifier();
            boolean cascade = c.accept("cascade");
            c.accept("restrict");
            return new Change.DropColumn(table, col, ifExists, cascade);
        }
        if (c.accept("validate", "constraint")) {
            return new Change.ValidateConstraint(table, c.identifier());
        }
        if (c.isWord("alter") && !c.isWord(1, "constraint")) {
            c.next();
            c.accept("column");
            String col = c.identifier();
            if (c.accept("type") || c.accept("set", "data", "type")) {
                TypeName type = TypeNames.read(c, Set.of("collate", "using"));
                if (c.accept("collate")) {
                    c.qualifiedName();
                }
                String using = null;
                if (c.accept("using")) {
                    using = c.expressionUntil();
                }
                return new Change.AlterColumnType(table, col, type, using);
            }
            if (c.accept("set", "default")) {
                return new Change.SetDefault(table, col, c.expressionUntil());
            }
            if (c.accept("drop", "default")) {
                return new Change.SetDefault(table, col, null);
            }
            if (c.accept("set", "not", "null")) {
                return new Change.SetNotNull(table, col);
            }
            if (c.accept("drop", "not", "null")) {
                return new Change.DropNotNull(table, col);
            }
            String action = "ALTER COLUMN " + c.expressionUntil().toUpperCase(Locale.ROOT);
            return new Change.OtherTableAction(table, action.length() > 60 ? action.substring(0, 60) : action);
        }
        if (c.isWord("set") && (c.isWord(1, "logged") || c.isWord(1, "unlogged"))) {
            c.next();
            return new Change.SetStorage(table, "SET " + c.next().value().toUpperCase(Locale.ROOT));
        }
        if (c.accept("set", "tablespace")) {
            return new Change.SetStorage(table, "SET TABLESPACE " + c.identifier());
        }
        if (c.accept("set", "access", "method")) {
            return new Change.SetStorage(table, "SET ACCESS METHOD " + c.identifier());
        }
        int start = c.pos();
        c.skipElement();
        String action = WHITESPACE.matcher(c.textBetween(start, c.pos())).replaceAll(" ").toUpperCase(Locale.ROOT);
        if (action.isEmpty()) {
            throw new TokenCursor.ParseFailure("expected an ALTER TABLE action" + c.near());
        }
        return new Change.OtherTableAction(table, action.length() > 60 ? action.substring(0, 60) : action);
    }

    private List<Change> alterType() {
        QualifiedName type = c.qualifiedName();
        if (c.accept("add", "value")) {
            boolean ifNotExists = c.accept("if", "not", "exists");
            String value = string();
            String position = null;
            if (c.isWord("before") || c.isWord("after")) {
                position = c.rest();
            }
            return one(new Change.AddEnumValue(type, value, ifNotExists, position));
        }
        if (c.accept("rename", "value")) {
            String from = string();
            c.expect("to");
            return one(new Change.RenameEnumValue(type, from, string()));
        }
        return one(new Change.Other("alter type", type));
    }

    private List<Change> alterDomain() {
        QualifiedName domain = c.qualifiedName();
        if (c.accept("add")) {
            boolean notValid = endsWith("not", "valid");
            return one(new Change.AlterDomainAddConstraint(domain, notValid));
        }
        if (c.accept("set", "not", "null")) {
            // checks every column of the domain like a validated ADD CONSTRAINT ... NOT NULL
            return one(new Change.AlterDomainAddConstraint(domain, false));
        }
        if (c.accept("validate", "constraint")) {
            return one(new Change.AlterDomainValidateConstraint(domain, c.identifier()));
        }
        return one(new Change.Other("alter domain", domain));
    }

    private boolean endsWith(String... words) {
        List<Token> t = c.tokens();
        if (t.size() < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!t.get(t.size() - words.length + i).isWord(words[i])) {
                return false;
            }
        }
        return true;
    }

    private String string() {
        Token t = c.next();
        if (!t.isString()) {
            throw new TokenCursor.ParseFailure("expected a string literal near '" + t.text() + "'");
        }
        return t.value();
    }

    // ---- column and constraint definitions ------------------------------------------------------------------

    private ColumnDef columnDef() {
        String name = c.identifier();
        TypeName type = TypeNames.read(c, COLUMN_STOP);
        boolean notNull = false;
        String defaultExpr = null;
        ColumnDef.Generated generated = ColumnDef.Generated.NONE;
        List<ConstraintDef> constraints = new ArrayList<>();
        while (!c.atEnd() && !c.isPunct(',') && !c.isPunct(')')) {
            String cname = null;
            if (c.accept("constraint")) {
                cname = c.identifier();
            }
            if (c.accept("not", "null")) {
                notNull = true;
            } else if (c.accept("null")) {
                notNull = false;
            } else if (c.accept("default")) {
                defaultExpr = c.expressionUntil("not", "null", "constraint", "check", "unique", "primary",
                        "references", "generated", "collate", "deferrable", "initially");
                if (defaultExpr.isEmpty() && c.accept("null")) {
                    defaultExpr = "NULL";
                }
            } else if (c.accept("check")) {
                String expr = c.parenthesized();
                c.accept("no", "inherit");
                boolean nv = c.accept("not", "valid");
                constraints.add(new ConstraintDef(cname, ConstraintDef.Kind.CHECK, List.of(name), expr, null, List.of(),
                        null, nv));
            } else if (c.accept("unique")) {
                skipIndexParams();
                constraints.add(new ConstraintDef(cname, ConstraintDef.Kind.UNIQUE, List.of(name), null, null, List.of(),
                        null, false));
            } else if (c.accept("primary", "key")) {
                skipIndexParams();
                constraints.add(new ConstraintDef(cname, ConstraintDef.Kind.PRIMARY_KEY, List.of(name), null, null,
                        List.of(), null, false));
            } else if (c.accept("references")) {
                QualifiedName ref = c.qualifiedName();
                List<String> refCols = c.isPunct('(') ? c.identifierList() : List.of();
                skipReferentialActions();
                boolean nv = c.accept("not", "valid");
                constraints.add(new ConstraintDef(cname, ConstraintDef.Kind.FOREIGN_KEY, List.of(name), null, ref,
                        refCols, null, nv));
            } else if (c.accept("generated")) {
                if (c.accept("always", "as", "identity") || c.accept("by", "default", "as", "identity")) {
                    generated = ColumnDef.Generated.IDENTITY;
                    if (c.isPunct('(')) {
                        c.parenthesized();
                    }
                } else {
                    c.expect("always", "as");
                    c.parenthesized();
                    // STORED must be written before PG 18; from PG 18 on, no keyword means VIRTUAL
                    if (c.accept("stored")) {
                        generated = ColumnDef.Generated.STORED;
                    } else {
                        c.accept("virtual");
                        generated = ColumnDef.Generated.VIRTUAL;
                    }
                }
            } else if (c.accept("collate")) {
                c.qualifiedName();
            } else if (c.accept("deferrable") || c.accept("not", "deferrable") || c.accept("initially", "deferred")
                    || c.accept("initially", "immediate") || c.accept("compression") || c.accept("storage")) {
                if (!c.atEnd() && c.peek().isIdentifier() && !COLUMN_STOP.contains(c.peek().value())) {
                    c.next();
                }
            } else {
                throw new TokenCursor.ParseFailure("unexpected '" + c.peek().text() + "' in column definition"
                        + c.near());
            }
        }
        return new ColumnDef(name, type, notNull, defaultExpr, generated, List.copyOf(constraints));
    }

    private void skipIndexParams() {
        while (true) {
            if (c.accept("nulls", "not", "distinct") || c.accept("nulls", "distinct")) {
                continue;
            }
            if (c.accept("include") || c.accept("with")) {
                c.parenthesized();
                continue;
            }
            if (c.accept("using", "index", "tablespace")) {
                c.identifier();
                continue;
            }
            return;
        }
    }

    private void skipReferentialActions() {
        while (true) {
            if (c.accept("match")) {
                c.next();
            } else if (c.accept("on", "delete") || c.accept("on", "update")) {
                if (!c.accept("no", "action") && !c.accept("set", "null") && !c.accept("set", "default")) {
                    c.next();
                }
                if (c.isPunct('(')) {
                    c.parenthesized();
                }
            } else if (c.accept("deferrable") || c.accept("not", "deferrable") || c.accept("initially", "deferred")
                    || c.accept("initially", "immediate")) {
                continue;
            } else {
                return;
            }
        }
    }

    private ConstraintDef tableConstraint() {
        String name = null;
        if (c.accept("constraint")) {
            name = c.identifier();
        }
        ConstraintDef def;
        if (c.accept("check")) {
            String expr = c.parenthesized();
            c.accept("no", "inherit");
            def = new ConstraintDef(name, ConstraintDef.Kind.CHECK, List.of(), expr, null, List.of(), null, false);
        } else if (c.accept("unique") || c.isWord("primary")) {
            boolean pk = c.accept("primary", "key");
            ConstraintDef.Kind kind = pk ? ConstraintDef.Kind.PRIMARY_KEY : ConstraintDef.Kind.UNIQUE;
            c.accept("nulls", "not", "distinct");
            c.accept("nulls", "distinct");
            if (c.accept("using", "index")) {
                String idx = c.identifier();
                def = new ConstraintDef(name, kind, List.of(), null, null, List.of(), idx, false);
            } else {
                List<String> cols = c.identifierList();
                skipIndexParams();
                def = new ConstraintDef(name, kind, cols, null, null, List.of(), null, false);
            }
        } else if (c.accept("foreign", "key")) {
            List<String> cols = c.identifierList();
            c.expect("references");
            QualifiedName ref = c.qualifiedName();
            List<String> refCols = c.isPunct('(') ? c.identifierList() : List.of();
            skipReferentialActions();
            def = new ConstraintDef(name, ConstraintDef.Kind.FOREIGN_KEY, cols, null, ref, refCols, null, false);
        } else if (c.accept("exclude")) {
            if (c.accept("using")) {
                c.identifier();
            }
            String elements = c.parenthesized();
            skipIndexParams();
            if (c.accept("where")) {
                c.parenthesized();
            }
            def = new ConstraintDef(name, ConstraintDef.Kind.EXCLUDE, List.of(), elements, null, List.of(), null, false);
        } else if (c.accept("not", "null")) {
            String col = c.identifier();
            def = new ConstraintDef(name, ConstraintDef.Kind.NOT_NULL, List.of(col), null, null, List.of(), null, false);
        } else {
            throw new TokenCursor.ParseFailure("expected a constraint" + c.near());
        }
        skipReferentialActions();
        boolean notValid = c.accept("not", "valid");
        skipReferentialActions();
        if (notValid) {
            def = new ConstraintDef(def.name(), def.kind(), def.columns(), def.expression(), def.refTable(),
                    def.refColumns(), def.usingIndex(), true);
        }
        return def;
    }

    // ---- CREATE ------------------------------------------------------------------------------------------------

    private List<Change> create() {
        c.accept("or", "replace");
        boolean unlogged = false;
        boolean temporary = false;
        if (c.accept("global") || c.accept("local")) {
            temporary = true;
        }
        if (c.accept("temp") || c.accept("temporary")) {
            temporary = true;
        } else if (c.accept("unlogged")) {
            unlogged = true;
        }
        if (c.accept("table")) {
            return createTable(unlogged, temporary);
        }
        if (c.isWord("unique") || c.isWord("index")) {
            return createIndex();
        }
        if (c.accept("type")) {
            QualifiedName t = c.qualifiedName();
            if (c.accept("as", "enum")) {
                List<String> labels = new ArrayList<>();
                c.expectPunct('(');
                while (!c.acceptPunct(')')) {
                    labels.add(string());
                    c.acceptPunct(',');
                }
                return one(new Change.CreateEnum(t, labels));
            }
            return one(new Change.Other("create type", t));
        }
        if (c.accept("domain")) {
            QualifiedName d = c.qualifiedName();
            return one(new Change.CreateDomain(d, c.hasTopLevelWord("check")));
        }
        if (c.accept("constraint", "trigger") || c.accept("trigger")) {
            QualifiedName name = c.qualifiedName();
            while (!c.atEnd() && !c.isWord("on")) {
                c.next();
            }
            c.expect("on");
            return one(new Change.CreateTrigger(name, c.qualifiedName()));
        }
        if (c.accept("materialized", "view")) {
            c.accept("if", "not", "exists");
            return one(new Change.CreateView(c.qualifiedName(), true));
        }
        if (c.accept("recursive", "view") || c.accept("view")) {
            return one(new Change.CreateView(c.qualifiedName(), false));
        }
        if (c.accept("policy")) {
            // CREATE POLICY name ON table ...: ACCESS EXCLUSIVE on the table
            c.identifier();
            c.expect("on");
            return one(new Change.Other("create policy", c.qualifiedName()));
        }
        if (c.accept("rule")) {
            // CREATE RULE name AS ON event TO table ...: ACCESS EXCLUSIVE on the table
            c.identifier();
            while (!c.atEnd() && !c.isWord("to")) {
                c.next();
            }
            c.expect("to");
            return one(new Change.Other("create rule", c.qualifiedName()));
        }
        Token t = c.peek();
        return one(new Change.Other("create " + (t == null ? "" : t.value()), null));
    }

    private List<Change> createTable(boolean unlogged, boolean temporary) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        QualifiedName table = c.qualifiedName();
        List<ColumnDef> columns = new ArrayList<>();
        List<ConstraintDef> constraints = new ArrayList<>();
        QualifiedName partitionOf = null;
        boolean asQuery = false;
        if (c.accept("partition", "of")) {
            partitionOf = c.qualifiedName();
        } else if (c.accept("of")) {
            c.qualifiedName();
        }
        if (c.isPunct('(')) {
            c.expectPunct('(');
            if (!c.isPunct(')')) {
                do {
                    if (c.isWord("constraint") || c.isWord("check") || c.isWord("unique") || c.isWord("primary")
                            || c.isWord("foreign") || c.isWord("exclude")) {
                        constraints.add(tableConstraint());
                    } else if (c.accept("like")) {
                        c.qualifiedName();
                        c.skipElement();
                    } else if (partitionOf != null) {
                        // PARTITION OF parent (col WITH OPTIONS ...)
                        c.skipElement();
                    } else {
                        columns.add(columnDef());
                    }
                } while (c.acceptPunct(','));
            }
            c.expectPunct(')');
        }
        if (c.isWord("as")) {
            asQuery = true;
        }
        boolean partitioned = c.hasTopLevelWord("partition") && hasPartitionBy();
        return one(new Change.CreateTable(table, List.copyOf(columns), List.copyOf(constraints), ifNotExists,
                partitioned, partitionOf, unlogged, temporary, asQuery));
    }

    private boolean hasPartitionBy() {
        List<Token> t = c.tokens();
        for (int i = c.pos(); i + 1 < t.size(); i++) {
            if (t.get(i).isWord("partition") && t.get(i + 1).isWord("by")) {
                return true;
            }
        }
        return false;
    }

    private List<Change> createIndex() {
        boolean unique = c.accept("unique");
        c.expect("index");
        boolean concurrently = c.accept("concurrently");
        boolean ifNotExists = c.accept("if", "not", "exists");
        QualifiedName name = null;
        if (!c.isWord("on")) {
            name = c.qualifiedName();
        }
        c.expect("on");
        boolean only = c.accept("only");
        QualifiedName table = c.qualifiedName();
        String method = null;
        if (c.accept("using")) {
            method = c.identifier();
        }
        List<String> columns = new ArrayList<>();
        c.expectPunct('(');
        do {
            columns.add(c.expressionUntil().strip());
        } while (c.acceptPunct(','));
        c.expectPunct(')');
        String where = null;
        while (!c.atEnd()) {
            if (c.accept("where")) {
                where = c.rest();
                break;
            }
            c.next();
        }
        return one(new Change.CreateIndex(name, table, unique, concurrently, ifNotExists, only, method,
                List.copyOf(columns), where));
    }

    // ---- DROP / TRUNCATE ---------------------------------------------------------------------------------------

    private List<Change> drop() {
        if (c.accept("index")) {
            boolean conc = c.accept("concurrently");
            boolean ifExists = c.accept("if", "exists");
            List<QualifiedName> names = c.qualifiedNameList();
            boolean cascade = c.accept("cascade");
            return one(new Change.DropIndex(names, conc, ifExists, cascade));
        }
        if (c.accept("database")) {
            boolean ifExists = c.accept("if", "exists");
            return one(new Change.DropDatabase(new QualifiedName(null, c.identifier()), ifExists));
        }
        String kind;
        if (c.accept("table")) {
            kind = "TABLE";
        } else if (c.accept("schema")) {
            kind = "SCHEMA";
        } else if (c.accept("materialized", "view")) {
            kind = "MATERIALIZED VIEW";
        } else if (c.accept("foreign", "table")) {
            kind = "FOREIGN TABLE";
        } else if (c.isWord("function") || c.isWord("procedure") || c.isWord("aggregate") || c.isWord("routine")
                || c.isWord("trigger") || c.isWord("policy") || c.isWord("rule") || c.isWord("cast")
                || c.isWord("operator")) {
            // signatures and "ON table" forms: only the kind and CASCADE matter
            kind = c.next().value().toUpperCase(Locale.ROOT);
            boolean ifExists = c.accept("if", "exists");
            boolean cascade = endsWith("cascade");
            QualifiedName on = null;
            if (kind.equals("TRIGGER") || kind.equals("POLICY") || kind.equals("RULE")) {
                c.identifier();
                if (c.accept("on")) {
                    on = c.qualifiedName(); // ACCESS EXCLUSIVE on this table
                }
            }
            return one(new Change.DropObject(kind, List.of(), ifExists, cascade, on));
        } else {
            Token t = c.next();
            kind = t.value().toUpperCase(Locale.ROOT);
        }
        boolean ifExists = c.accept("if", "exists");
        List<QualifiedName> names = c.qualifiedNameList();
        boolean cascade = c.accept("cascade");
        c.accept("restrict");
        return one(switch (kind) {
            case "TABLE" -> new Change.DropTable(names, ifExists, cascade);
            case "SCHEMA" -> new Change.DropSchema(names, ifExists, cascade);
            default -> new Change.DropObject(kind, names, ifExists, cascade);
        });
    }

    private List<Change> truncate() {
        c.accept("table");
        List<QualifiedName> tables = c.qualifiedNameList();
        boolean cascade = c.hasTopLevelWord("cascade");
        return one(new Change.Truncate(tables, cascade));
    }

    // ---- DML ---------------------------------------------------------------------------------------------------

    /** WITH ... : skip the CTEs, then read the main statement (data-modifying CTEs are read too). */
    private List<Change> with() {
        c.expect("with");
        c.accept("recursive");
        List<Change> out = new ArrayList<>();
        do {
            c.identifier();
            if (c.isPunct('(')) {
                c.parenthesized();
            }
            c.expect("as");
            c.accept("not");
            c.accept("materialized");
            int open = c.pos();
            String body = c.parenthesized();
            List<Token> inner = c.tokens().subList(open + 1, c.pos() - 1);
            if (!inner.isEmpty() && inner.get(0).isWord()) {
                String k = inner.get(0).value();
                if (k.equals("update") || k.equals("delete") || k.equals("insert")) {
                    List<Change> sub = new FastReader(new TokenCursor(inner, body, inner.get(0).offset())).dml();
                    if (sub != null) {
                        out.addAll(sub);
                    }
                }
            }
        } while (c.acceptPunct(','));
        if (c.isWord("update") || c.isWord("delete") || c.isWord("insert")) {
            out.addAll(dml());
        } else {
            out.add(new Change.Other("select", null));
        }
        return out;
    }

    private List<Change> dml() {
        if (c.accept("delete")) {
            c.expect("from");
            c.accept("only");
            QualifiedName t = c.qualifiedName();
            return one(new Change.Delete(t, c.hasTopLevelWord("where")));
        }
        if (c.accept("update")) {
            c.accept("only");
            QualifiedName t = c.qualifiedName();
            if (c.peek() != null && c.peek().isOperator("*")) {
                c.next();
            }
            boolean hasWhere = c.hasTopLevelWord("where");
            List<String> cols = new ArrayList<>();
            while (!c.atEnd() && !c.isWord("set")) {
                c.next();
            }
            if (c.accept("set")) {
                do {
                    if (c.isPunct('(')) {
                        cols.addAll(c.identifierList());
                    } else {
                        cols.add(c.identifier());
                    }
                    c.expressionUntil("from", "where", "returning");
                } while (c.acceptPunct(','));
            }
            return one(new Change.Update(t, hasWhere, List.copyOf(cols)));
        }
        c.expect("insert");
        c.expect("into");
        QualifiedName t = c.qualifiedName();
        boolean fromQuery = c.hasTopLevelWord("select") || c.hasTopLevelWord("table");
        return one(new Change.Insert(t, fromQuery));
    }

    // ---- maintenance -------------------------------------------------------------------------------------------

    private List<Change> lock() {
        c.accept("table");
        List<QualifiedName> tables = c.qualifiedNameList();
        String mode = "ACCESS EXCLUSIVE";
        if (c.accept("in")) {
            StringBuilder sb = new StringBuilder();
            while (!c.atEnd() && !c.isWord("mode")) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(c.next().value().toUpperCase(Locale.ROOT));
            }
            c.expect("mode");
            mode = sb.toString();
        }
        return one(new Change.LockTable(tables, mode));
    }

    private List<Change> vacuum() {
        boolean full = false;
        while (c.isWord("full") || c.isWord("freeze") || c.isWord("verbose") || c.isWord("analyze")
                || c.isWord("analyse") || c.isPunct('(')) {
            if (c.isPunct('(')) {
                String opts = c.parenthesized().toLowerCase(Locale.ROOT);
                for (String o : opts.split(",")) {
                    String[] kv = o.strip().split("\\s+");
                    if (kv[0].equals("full") && (kv.length == 1 || !kv[1].matches("false|off|0"))) {
                        full = true;
                    }
                }
            } else if (c.next().value().equals("full")) {
                full = true;
            }
        }
        List<QualifiedName> tables = new ArrayList<>();
        while (!c.atEnd()) {
            tables.add(c.qualifiedName());
            if (c.isPunct('(')) {
                c.parenthesized();
            }
            if (!c.acceptPunct(',')) {
                break;
            }
        }
        return one(new Change.Vacuum(full, List.copyOf(tables)));
    }

    private List<Change> reindex() {
        boolean conc = false;
        if (c.isPunct('(')) {
            String opts = c.parenthesized().toLowerCase(Locale.ROOT);
            conc = opts.contains("concurrently");
        }
        String kind = c.next().value().toUpperCase(Locale.ROOT);
        conc |= c.accept("concurrently");
        QualifiedName target = c.atEnd() ? null : c.qualifiedName();
        return one(new Change.Reindex(kind, target, conc));
    }

    private List<Change> cluster() {
        c.accept("verbose");
        if (c.isPunct('(')) {
            c.parenthesized();
        }
        if (c.atEnd()) {
            return one(new Change.Cluster(null));
        }
        QualifiedName t = c.qualifiedName();
        if (c.accept("on")) {
            // pre-8.3 form CLUSTER index ON table
            t = c.qualifiedName();
        }
        return one(new Change.Cluster(t));
    }

    private List<Change> refresh() {
        c.expect("materialized", "view");
        boolean conc = c.accept("concurrently");
        return one(new Change.RefreshMatView(c.qualifiedName(), conc));
    }

    // ---- session and transactions ------------------------------------------------------------------------------

    /**
     * {@code SELECT set_config('lock_timeout', '2s', false)}: a SET written as a function call (is_local true is SET
     * LOCAL). Every call with literal arguments in the statement counts; other SELECTs change nothing.
     */
    private List<Change> setConfig() {
        List<Token> t = c.tokens();
        List<Change> out = new ArrayList<>();
        for (int i = 1; i + 7 < t.size(); i++) {
            if (t.get(i).isWord("set_config") && t.get(i + 1).isPunct('(') && t.get(i + 2).isString()
                    && t.get(i + 3).isPunct(',') && t.get(i + 4).isString() && t.get(i + 5).isPunct(',')
                    && (t.get(i + 6).isWord("true") || t.get(i + 6).isWord("false")) && t.get(i + 7).isPunct(')')) {
                out.add(new Change.SetVariable(t.get(i + 2).value().strip().toLowerCase(Locale.ROOT),
                        t.get(i + 4).value(), t.get(i + 6).isWord("true")));
            }
        }
        return out;
    }

    private List<Change> set() {
        if (c.accept("reset")) {
            if (c.accept("all")) {
                return one(new Change.SetVariable("all", null, false));
            }
            return one(new Change.SetVariable(c.identifier(), null, false));
        }
        c.expect("set");
        if (c.isWord("transaction") || c.isWord("constraints") || c.isWord("role") || c.isWord("session")
                && c.isWord(1, "authorization") || c.isWord("session") && c.isWord(1, "characteristics")) {
            return one(new Change.Other("set", null));
        }
        boolean local = c.accept("local");
        c.accept("session");
        if (c.accept("time", "zone")) {
            return one(new Change.SetVariable("timezone", c.rest(), local));
        }
        StringBuilder name = new StringBuilder(c.identifier());
        while (c.acceptPunct('.')) {
            name.append('.').append(c.identifier());
        }
        if (!c.acceptPunct(':') && !c.accept("to") && !(c.peek() != null && c.peek().isOperator("="))) {
            throw new TokenCursor.ParseFailure("expected TO or = in SET" + c.near());
        }
        if (c.peek() != null && c.peek().isOperator("=")) {
            c.next();
        }
        String value = c.rest();
        if (!c.atEnd() && c.peek().isString() && c.tokens().size() - c.pos() == 1) {
            value = c.peek().value();
        }
        return one(new Change.SetVariable(name.toString(), value, local));
    }

    private List<Change> transaction() {
        Token t = c.next();
        Change.Transaction.Kind kind;
        switch (t.value()) {
            case "begin", "start" -> kind = Change.Transaction.Kind.BEGIN;
            case "commit", "end" -> kind = c.isWord("prepared") ? Change.Transaction.Kind.COMMIT
                    : Change.Transaction.Kind.COMMIT;
            case "rollback", "abort" -> {
                c.accept("work");
                c.accept("transaction");
                kind = c.isWord("to") ? Change.Transaction.Kind.ROLLBACK_TO : Change.Transaction.Kind.ROLLBACK;
                if (c.isWord("prepared")) {
                    kind = Change.Transaction.Kind.ROLLBACK;
                }
            }
            case "savepoint" -> kind = Change.Transaction.Kind.SAVEPOINT;
            default -> kind = Change.Transaction.Kind.RELEASE;
        }
        if (t.isWord("start") && !c.isWord("transaction")) {
            return null;
        }
        if ((t.isWord("commit") || t.isWord("rollback")) && c.isWord("prepared")) {
            return one(new Change.Other(t.value() + " prepared", null));
        }
        return one(new Change.Transaction(kind));
    }
}
