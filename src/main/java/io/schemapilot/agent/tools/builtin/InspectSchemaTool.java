package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.CatalogTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code inspect_schema}: the current catalog ({@code --db} or {@code --schema}) as a summary the model can read:
 * per table its columns, constraints, indexes, row estimate and size. A large schema is summarised instead of
 * flooding the context: past {@value #DETAIL_LIMIT} tables (or the result size limit) only one line of numbers per
 * table, the largest first, and the model asks for details with {@code table}.
 */
public final class InspectSchemaTool implements AgentTool {

    /** The most tables described in full in one answer. */
    static final int DETAIL_LIMIT = 25;

    @Override
    public String name() {
        return "inspect_schema";
    }

    @Override
    public String description() {
        return "Read the current database schema (from --db or --schema): tables with their columns (type, NOT NULL,"
                + " default), constraints (primary/foreign keys, unique, CHECK, whether validated), indexes"
                + " (definition, valid, size), row estimates and sizes, enum types. Without arguments you get every"
                + " table in detail when there are few, else one line of numbers per table (largest first); pass"
                + " 'table' (a name, schema.name, or a pattern with *) for the details of some tables."
                + " Row counts are planner estimates, not exact.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty(ToolRegistry.SCHEMA_FILE_ARG, ToolRegistry.SCHEMA_FILE_DOC)
                .addStringProperty("table", "Only these tables: a name (orders), schema.name (public.orders) or a"
                        + " pattern with * (order*). Omit for all tables.")
                .addStringProperty("schema", "Only tables of this schema (e.g. public).")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        String table = Args.text(arguments, "table");
        String schema = Args.text(arguments, "schema");
        CatalogSnapshot catalog;
        try (CatalogTarget t = Targets.open(context, false)) {
            catalog = t.catalog();
        }
        if (catalog == null) {
            throw new ToolFailure(Targets.NONE);
        }
        ObjectNode out = summarize(catalog, table, schema, context.limits().maxResultChars(),
                context.target().label());
        return ToolResult.json(out);
    }

    /** The summary of {@code catalog}; {@code maxChars} bounds its JSON when no single table was asked for. */
    static ObjectNode summarize(CatalogSnapshot catalog, String table, String schema, int maxChars, String source)
            throws ToolFailure {
        List<CatalogSnapshot.Table> all = new ArrayList<>(catalog.tables());
        all.sort(Comparator.comparing((CatalogSnapshot.Table t) -> t.schema()).thenComparing(CatalogSnapshot.Table::name));
        List<CatalogSnapshot.Table> chosen = new ArrayList<>();
        for (CatalogSnapshot.Table t : all) {
            if (schema != null && !t.schema().equals(schema)) {
                continue;
            }
            if (table != null && !matches(table, t)) {
                continue;
            }
            chosen.add(t);
        }
        if (chosen.isEmpty() && (table != null || schema != null)) {
            List<String> names = new ArrayList<>();
            for (CatalogSnapshot.Table t : all) {
                if (names.size() < 40) {
                    names.add(t.schema() + "." + t.name());
                }
            }
            throw new ToolFailure("no table matches " + (table != null ? "'" + table + "'" : "")
                    + (schema != null ? " in schema '" + schema + "'" : "") + "; tables: "
                    + (names.isEmpty() ? "(none)" : String.join(", ", names)) + (all.size() > names.size()
                    ? " ... (" + all.size() + " in all)" : ""));
        }

        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("database", catalog.database());
        out.put("server_version", catalog.serverVersion());
        out.put("source", source == null ? "none" : source);
        out.put("tables_total", all.size());
        out.put("tables_shown", chosen.size());

        ArrayNode detail = f.arrayNode();
        boolean detailed = chosen.size() <= DETAIL_LIMIT;
        if (detailed) {
            chosen.forEach(t -> detail.add(detail(t)));
            out.set("tables", detail);
            addEnums(out, catalog, schema);
            if (!catalog.warnings().isEmpty()) {
                ArrayNode w = out.putArray("warnings");
                catalog.warnings().forEach(w::add);
            }
            if (out.toString().length() <= maxChars * 9 / 10 || chosen.size() == 1) {
                return out;
            }
            out.remove(List.of("tables", "enums", "warnings"));
        }

        // too many tables for details: one line of numbers each, largest first, as many as fit
        List<CatalogSnapshot.Table> bySize = new ArrayList<>(chosen);
        bySize.sort(Comparator.comparingLong((CatalogSnapshot.Table t) -> t.totalBytes()).reversed()
                .thenComparing(CatalogSnapshot.Table::schema).thenComparing(CatalogSnapshot.Table::name));
        out.put("detail", "summary: " + chosen.size() + " tables are too many to describe in full; call inspect_schema"
                + " with table=NAME (or a pattern such as order*) for columns, constraints and indexes");
        ArrayNode rows = out.putArray("tables");
        int budget = maxChars * 8 / 10;
        int omitted = 0;
        for (CatalogSnapshot.Table t : bySize) {
            ObjectNode row = compact(t);
            if (out.toString().length() + row.toString().length() + 60 > budget) {
                omitted++;
                continue;
            }
            rows.add(row);
        }
        if (omitted > 0) {
            out.put("omitted_tables", omitted);
            out.put("omitted_note", omitted + " smaller tables are not listed; ask for them with table or schema");
        }
        out.put("enum_types", catalog.enums().size());
        return out;
    }

    private static boolean matches(String filter, CatalogSnapshot.Table t) {
        String f = filter.strip().toLowerCase(Locale.ROOT).replace("\"", "");
        String name = t.name().toLowerCase(Locale.ROOT);
        String qualified = (t.schema() + "." + t.name()).toLowerCase(Locale.ROOT);
        if (f.contains("*")) {
            Pattern p = Pattern.compile(Pattern.quote(f).replace("*", "\\E.*\\Q"));
            return p.matcher(f.contains(".") ? qualified : name).matches();
        }
        return f.contains(".") ? qualified.equals(f) : name.equals(f);
    }

    private static ObjectNode detail(CatalogSnapshot.Table t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("name", t.schema() + "." + t.name());
        o.put("kind", kind(t.kind()));
        if (t.rowEstimate() >= 0) {
            o.put("rows_estimate", t.rowEstimate());
        } else {
            o.putNull("rows_estimate");
        }
        o.put("total_bytes", t.totalBytes());
        if (t.unlogged()) {
            o.put("unlogged", true);
        }
        if (t.partitionOf() != null) {
            o.put("partition_of", t.partitionOf());
        }
        if (t.partitionKey() != null) {
            o.put("partition_key", t.partitionKey());
        }
        ArrayNode cols = o.putArray("columns");
        for (CatalogSnapshot.Column c : t.columns()) {
            StringBuilder sb = new StringBuilder(c.name()).append(' ').append(c.type());
            if (c.notNull()) {
                sb.append(" NOT NULL");
            }
            if (c.isIdentity()) {
                sb.append(c.identity() == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            } else if (c.isGenerated() && c.defaultExpr() != null) {
                sb.append(" GENERATED ALWAYS AS (").append(c.defaultExpr()).append(") STORED");
            } else if (c.defaultExpr() != null) {
                sb.append(" DEFAULT ").append(c.defaultExpr());
            }
            cols.add(sb.toString());
        }
        ArrayNode cons = o.putArray("constraints");
        for (CatalogSnapshot.Constraint c : t.constraints()) {
            String def = c.definition() == null ? constraintType(c.type()) + " (" + String.join(", ", c.columns()) + ")"
                    : c.definition();
            cons.add(c.name() + ": " + def + (c.validated() || def.endsWith("NOT VALID") ? "" : " NOT VALID"));
        }
        ArrayNode idx = o.putArray("indexes");
        for (CatalogSnapshot.Index i : t.indexes()) {
            String def = i.definition() != null ? i.definition()
                    : i.name() + " (" + String.join(", ", i.columns()) + ")";
            idx.add(def + (i.valid() ? "" : " -- INVALID") + " [" + i.bytes() + " bytes]");
        }
        if (!t.triggers().isEmpty()) {
            ArrayNode tr = o.putArray("triggers");
            t.triggers().forEach(x -> tr.add(x.name() + (x.enabled() ? "" : " (disabled)")));
        }
        if (!t.dependentViews().isEmpty()) {
            ArrayNode dv = o.putArray("dependent_views");
            t.dependentViews().forEach(dv::add);
        }
        return o;
    }

    private static ObjectNode compact(CatalogSnapshot.Table t) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", t.schema() + "." + t.name());
        if (t.kind() != 'r') {
            o.put("kind", kind(t.kind()));
        }
        if (t.rowEstimate() >= 0) {
            o.put("rows_estimate", t.rowEstimate());
        }
        o.put("total_bytes", t.totalBytes());
        o.put("columns", t.columns().size());
        o.put("constraints", t.constraints().size());
        o.put("indexes", t.indexes().size());
        return o;
    }

    private static void addEnums(ObjectNode out, CatalogSnapshot catalog, String schema) {
        ArrayNode enums = JsonNodeFactory.instance.arrayNode();
        for (CatalogSnapshot.EnumType e : catalog.enums()) {
            if (schema == null || e.schema().equals(schema)) {
                enums.add(e.schema() + "." + e.name() + ": " + String.join(", ", e.labels()));
            }
        }
        if (!enums.isEmpty()) {
            out.set("enums", enums);
        }
    }

    private static String kind(char k) {
        switch (k) {
            case 'p':
                return "partitioned table";
            case 'v':
                return "view";
            case 'm':
                return "materialized view";
            case 'f':
                return "foreign table";
            default:
                return "table";
        }
    }

    private static String constraintType(char c) {
        switch (c) {
            case 'p':
                return "PRIMARY KEY";
            case 'f':
                return "FOREIGN KEY";
            case 'u':
                return "UNIQUE";
            case 'c':
                return "CHECK";
            case 'x':
                return "EXCLUDE";
            case 'n':
                return "NOT NULL";
            default:
                return String.valueOf(c);
        }
    }
}
