package io.schemapilot.agent.offline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of each procedure step, from the request and earlier results; null when a step does not apply
 * (no schema to inspect, nothing to write, git not asked for).
 */
final class Steps {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern SQL_PATH = Pattern.compile("\"(?:path|file|new_path)\"\\s*:\\s*\"([^\"]+\\.sql)\"");
    private static final Pattern DELETED = Pattern.compile("\"status\"\\s*:\\s*\"(?:deleted|D)\"");

    private final OfflineRequest req;
    private final OfflineChatModel.Target target;
    private final Map<String, OfflineChatModel.Done> done;
    private final Path projectRoot;

    Steps(OfflineRequest req, OfflineChatModel.Target target, Map<String, OfflineChatModel.Done> done, Path projectRoot) {
        this.req = req;
        this.target = target;
        this.done = done;
        this.projectRoot = projectRoot;
    }

    ObjectNode arguments(String tool) {
        switch (tool) {
            case "detect_project":
                return F.objectNode();
            case "git_diff":
                return req.hasExplicitChange() ? null : F.objectNode();
            case "inspect_schema":
                return hasSchema() ? withSchema(F.objectNode()) : null;
            case "check_migration":
                return change(false);
            case "check_data":
                return hasSchema() || "--db".equals(target.kind()) ? change(false) : null;
            case "rehearse":
                return hasSchemaFile() ? rehearsal() : null;
            case "plan_migration":
                return change(true);
            case "write_migration_files": {
                OfflineChatModel.Done plan = done.get("plan_migration");
                if (req.writeDir() == null || plan == null || !looksLikePlan(plan.result())) {
                    return null;
                }
                ObjectNode a = F.objectNode();
                a.put("use_last_plan", true);
                a.put("dir", req.writeDir());
                a.put("style", req.style());
                return a;
            }
            case "submit_plan": {
                OfflineChatModel.Done plan = done.get("plan_migration");
                if (plan == null || !looksLikePlan(plan.result())) {
                    return null;
                }
                ObjectNode a = F.objectNode();
                a.put("use_last_plan", true);
                return a;
            }
            default:
                return null;   // read_file, run_query, read_skill, external commands: not part of a fixed procedure
        }
    }

    /** The change's arguments: files, inline SQL or a from/to pair, plus the schema file when given. */
    private ObjectNode change(boolean allowDiff) {
        ObjectNode a = F.objectNode();
        List<String> files = files();
        if (req.from() != null && req.to() != null) {
            if (!allowDiff) {
                return null;
            }
            a.put("from", req.from());
            a.put("to", req.to());
            return withSchema(a);
        }
        if (!files.isEmpty()) {
            ArrayNode arr = a.putArray("paths");
            files.forEach(arr::add);
        } else if (req.sql() != null) {
            a.put("sql", req.sql());
        } else {
            return null;
        }
        return withSchema(a);
    }

    /** The rehearse tool takes one up migration: the file, or the files' SQL joined in order. */
    private ObjectNode rehearsal() {
        List<String> files = files();
        ObjectNode a = F.objectNode();
        if (files.size() == 1) {
            a.put("path", files.get(0));
        } else if (!files.isEmpty()) {
            StringBuilder sql = new StringBuilder();
            for (String f : files) {
                try {
                    sql.append(java.nio.file.Files.readString(projectRoot.resolve(f))).append("\n");
                } catch (java.io.IOException | RuntimeException e) {
                    return null;
                }
            }
            a.put("sql", sql.toString());
        } else if (req.sql() != null) {
            a.put("sql", req.sql());
        } else {
            return null;
        }
        return withSchema(a);
    }

    private List<String> files() {
        if (!req.migrations().isEmpty()) {
            return req.migrations();
        }
        OfflineChatModel.Done git = done.get("git_diff");
        if (git == null || git.result() == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        // one changed file per JSON object: skip the deleted ones
        for (String obj : git.result().split("\\}")) {
            if (DELETED.matcher(obj).find()) {
                continue;
            }
            Matcher m = SQL_PATH.matcher(obj);
            while (m.find()) {
                String p = m.group(1);
                if (req.schema() == null || !p.equals(req.schema())) {
                    out.add(p);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private ObjectNode withSchema(ObjectNode a) {
        if (req.schema() != null && !"--db".equals(target.kind())) {
            a.put("schema_file", req.schema());
        }
        return a;
    }

    private boolean hasSchema() {
        return req.schema() != null || target.known();
    }

    private boolean hasSchemaFile() {
        return req.schema() != null || "--schema".equals(target.kind()) || "--db".equals(target.kind());
    }

    static boolean looksLikePlan(String result) {
        return result != null && result.contains("\"phases\"");
    }
}
