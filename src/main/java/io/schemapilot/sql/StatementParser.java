package io.schemapilot.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a split statement into the change model. The hand-written {@link FastReader} knows the forms that matter
 * for hazards (and reads them fast); anything it does not know goes to JSqlParser ({@link JSqlReader}); what
 * neither can read becomes {@link Change.Unparsed} with a parse error, and still gets the token-level rules.
 * {@code DO} blocks are read here: the statements of their body and of their {@code EXECUTE} strings are found,
 * while function bodies, comments and string literals are never mistaken for DDL.
 */
public final class StatementParser {
    /** Placeholder for a name computed at run time inside a DO block ({@code format('%I', t)}, {@code || t ||}). */
    public static final String DYNAMIC = "<dynamic>";

    private StatementParser() {
    }

    public static ParsedStatement parse(SqlStatement st) {
        if (st.isPsqlMeta()) {
            return new ParsedStatement(st, List.of(new Change.Other("psql " + st.keyword(), null)), null);
        }
        if (st.tokens().get(0).isWord("do")) {
            return new ParsedStatement(st, readDo(st.tokens(), 0), null);
        }
        String failure;
        try {
            List<Change> changes = FastReader.read(st.tokens(), st.text(), st.startOffset());
            if (changes != null) {
                return new ParsedStatement(st, changes, null);
            }
            failure = null;
        } catch (TokenCursor.ParseFailure e) {
            failure = e.getMessage();
        }
        JSqlReader.Result fallback = JSqlReader.read(st.text());
        if (fallback.changes() != null) {
            return new ParsedStatement(st, fallback.changes(), null);
        }
        String reason = failure != null ? failure : fallback.error();
        return new ParsedStatement(st, List.of(new Change.Unparsed(reason)), reason);
    }

    /** Changes of a SQL fragment (an EXECUTE string, a statement in a DO body); never throws. */
    static List<Change> readFragment(List<Token> tokens, String text, int base, int depth) {
        if (tokens.isEmpty()) {
            return List.of();
        }
        if (tokens.get(0).isWord("do")) {
            return depth > 2 ? List.of() : readDo(tokens, depth + 1);
        }
        try {
            List<Change> changes = FastReader.read(tokens, text, base);
            if (changes != null) {
                return changes;
            }
        } catch (TokenCursor.ParseFailure e) {
            return List.of(new Change.Unparsed(e.getMessage()));
        }
        return List.of(new Change.Other(tokens.get(0).value(), null));
    }

    // ---- DO blocks ---------------------------------------------------------------------------------------------

    private static List<Change> readDo(List<Token> tokens, int depth) {
        Token body = null;
        for (Token t : tokens) {
            if (t.isString()) {
                body = t;
                break;
            }
        }
        List<Change> out = new ArrayList<>();
        if (body == null) {
            out.add(new Change.DoBlock(false, 0));
            return out;
        }
        String language = "plpgsql";
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("language")) {
                language = tokens.get(i + 1).value();
            }
        }
        if (!language.equals("plpgsql")) {
            out.add(new Change.DoBlock(false, 0));
            return out;
        }
        String code = body.value();
        List<Token> bodyTokens;
        try {
            bodyTokens = Lexer.tokens(code);
        } catch (SqlSyntaxException e) {
            out.add(new Change.DoBlock(false, 0));
            out.add(new Change.Unparsed("DO body: " + e.getMessage()));
            return out;
        }
        boolean loop = false;
        int executes = 0;
        List<Change> inner = new ArrayList<>();
        for (List<Token> segment : segments(bodyTokens)) {
            for (Token t : segment) {
                if (t.isWord("loop")) {
                    loop = true;
                }
            }
            int start = statementStart(segment);
            if (start < 0) {
                continue;
            }
            List<Token> stmt = segment.subList(start, segment.size());
            if (stmt.get(0).isWord("execute")) {
                executes++;
                String sql = dynamicSql(stmt.subList(1, stmt.size()));
                if (sql != null) {
                    inner.addAll(readSql(sql, depth));
                }
            } else {
                inner.addAll(readFragment(stmt, code, 0, depth));
            }
        }
        out.add(new Change.DoBlock(loop, executes));
        out.addAll(inner);
        return out;
    }

    private static List<Change> readSql(String sql, int depth) {
        List<Change> out = new ArrayList<>();
        try {
            for (SqlStatement s : StatementSplitter.split(sql).statements()) {
                out.addAll(readFragment(s.tokens(), s.text(), s.startOffset(), depth + 1));
            }
        } catch (SqlSyntaxException e) {
            out.add(new Change.Unparsed("EXECUTE string: " + e.getMessage()));
        }
        return out;
    }

    /** Splits a PL/pgSQL body on semicolons at parenthesis depth 0. */
    private static List<List<Token>> segments(List<Token> tokens) {
        List<List<Token>> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (t.isPunct(';') && depth <= 0) {
                out.add(tokens.subList(start, i));
                start = i + 1;
                depth = 0;
            }
        }
        if (start < tokens.size()) {
            out.add(tokens.subList(start, tokens.size()));
        }
        return out;
    }

    private static final java.util.Set<String> SQL_STARTS = java.util.Set.of("alter", "create", "drop", "truncate",
            "update", "delete", "insert", "lock", "reindex", "cluster", "refresh", "execute", "comment", "grant",
            "vacuum");
    private static final java.util.Set<String> BLOCK_WORDS = java.util.Set.of("begin", "then", "else", "loop",
            "declare");

    /**
     * Where the SQL statement of a PL/pgSQL segment starts: at its beginning, or right after a block keyword
     * (BEGIN, THEN, ELSE, LOOP) or a label; -1 for assignments, RAISE, RETURN, IF conditions and the like.
     */
    private static int statementStart(List<Token> seg) {
        for (int i = 0; i < seg.size(); i++) {
            Token t = seg.get(i);
            if (!t.isWord()) {
                if (t.isOperator(">>") || t.isOperator("<<")) {
                    continue;
                }
                if (i == 0) {
                    return -1;
                }
                continue;
            }
            boolean atStart = i == 0 || (seg.get(i - 1).isWord() && BLOCK_WORDS.contains(seg.get(i - 1).value()))
                    || seg.get(i - 1).isOperator(">>");
            if (atStart && SQL_STARTS.contains(t.value())) {
                // "EXECUTE" may also be part of "EXECUTE FUNCTION" in a trigger definition: fine, only at start
                return i;
            }
            if (i == 0 && !BLOCK_WORDS.contains(t.value()) && !t.isWord("if") && !t.isWord("elsif")
                    && !t.isWord("exception") && !t.isWord("when") && !t.isWord("for") && !t.isWord("while")
                    && !t.isWord("end")) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The SQL text of an EXECUTE expression: a literal; literals joined with {@code ||} (other parts become the
     * {@link #DYNAMIC} name); or {@code format('...', ...)} with its placeholders replaced. Null when unknown.
     */
    static String dynamicSql(List<Token> expr) {
        int end = expr.size();
        for (int i = 0; i < expr.size(); i++) {
            Token t = expr.get(i);
            if (t.isWord("using") || t.isWord("into")) {
                end = i;
                break;
            }
        }
        List<Token> e = expr.subList(0, end);
        if (e.isEmpty()) {
            return null;
        }
        if (e.get(0).isWord("format") && e.size() > 2 && e.get(1).isPunct('(') && e.get(2).isString()) {
            return e.get(2).value().replaceAll("%(\\d+\\$)?[-]?I", "\"" + DYNAMIC + "\"")
                    .replaceAll("%(\\d+\\$)?[-]?L", "'x'")
                    .replaceAll("%(\\d+\\$)?[-]?s", "\"" + DYNAMIC + "\"")
                    .replace("%%", "%");
        }
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        boolean pendingDynamic = false;
        boolean anyLiteral = false;
        for (Token t : e) {
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            }
            if (depth == 0 && t.isOperator("||")) {
                if (pendingDynamic) {
                    sb.append('"').append(DYNAMIC).append('"');
                    pendingDynamic = false;
                }
                continue;
            }
            if (depth == 0 && t.isString()) {
                sb.append(t.value());
                anyLiteral = true;
            } else {
                pendingDynamic = true;
            }
        }
        if (pendingDynamic && anyLiteral) {
            sb.append('"').append(DYNAMIC).append('"');
        }
        return anyLiteral ? sb.toString() : null;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
