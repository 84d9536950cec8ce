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
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.project.ChangedFile;
import io.schemapilot.project.GitChangeSet;
import io.schemapilot.project.GitChanges;
import io.schemapilot.project.GitPlanSelection;
import io.schemapilot.project.ProjectDetector;
import io.schemapilot.project.ProjectInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code git_diff}: the schema and migration files changed in the project's git working tree against a revision
 * (default {@code HEAD}, untracked files included), from {@link GitChanges}, with what {@code plan --git} would do
 * with them and, on request, their unified diff (capped). Only files inside the project are reported.
 */
public final class GitDiffTool implements AgentTool {

    /** The most characters of diff text in one answer, whatever the result limit. */
    static final int MAX_DIFF_CHARS = 8_000;

    @Override
    public String name() {
        return "git_diff";
    }

    @Override
    public String description() {
        return "List the schema and migration files changed in the project's git working tree against a revision"
                + " (default HEAD; staged, unstaged and untracked files), each with its status (added, modified,"
                + " deleted, renamed) and kind (migration_sql, schema_sql, orm_schema, other), and what to plan"
                + " next: the migration files, the schema file change (old version at the revision -> working tree),"
                + " or the command that turns an ORM schema change into SQL. include_diff=true adds the unified diff"
                + " of those files (capped).";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty("rev", "The revision to compare the working tree with: a commit, branch or tag"
                        + " (e.g. HEAD~1, origin/main). Default HEAD.")
                .addBooleanProperty("include_diff", "Also return the unified diff of the changed schema and"
                        + " migration files (capped). Default false.")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        String rev = Objects.requireNonNullElse(Args.stripped(arguments, "rev"), GitChanges.DEFAULT_REV);
        boolean includeDiff = Args.flag(arguments, "include_diff", false);

        GitChanges git = new GitChanges();
        GitChangeSet all;
        ProjectInfo info;
        try {
            Path top = git.topLevel(context.projectRoot());
            info = new ProjectDetector().detect(top);
            all = git.collect(top, rev, info);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage().replace(context.projectRoot().toString(), "the project"));
        }
        // only what lies inside the project, with paths relative to it
        Path projectInTop;
        try {
            projectInTop = all.root().toRealPath().relativize(context.projectRoot().toRealPath());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new ToolFailure("cannot place the project in its git repository: " + e.getClass().getSimpleName());
        }
        String prefix = projectInTop.toString().isEmpty() ? "" : projectInTop.toString().replace('\\', '/') + "/";
        List<ChangedFile> inside = new ArrayList<>();
        int outside = 0;
        for (ChangedFile f : all.files()) {
            if (f.path().startsWith(prefix)) {
                inside.add(f);
            } else {
                outside++;
            }
        }
        GitChangeSet changes = new GitChangeSet(all.root(), all.rev(), all.commit(), inside, all.revContents(),
                all.otherChanges());

        JsonNodeFactory jf = JsonNodeFactory.instance;
        ObjectNode out = jf.objectNode();
        out.put("summary", changes.summary().replace(" " + prefix, " "));
        out.put("rev", changes.rev());
        out.put("commit", changes.commit());
        ArrayNode files = out.putArray("files");
        for (ChangedFile f : inside) {
            ObjectNode o = files.addObject();
            o.put("path", f.path().substring(prefix.length()));
            if (f.oldPath() != null) {
                o.put("old_path", f.oldPath().startsWith(prefix) ? f.oldPath().substring(prefix.length()) : f.oldPath());
            }
            o.put("status", f.status().label());
            o.put("kind", f.kind().label());
            if (f.tool() != null) {
                o.put("tool", f.tool());
            }
            if (f.untracked()) {
                o.put("untracked", true);
            }
        }
        out.put("other_changed_files", changes.otherChanges());
        if (outside > 0) {
            out.put("changed_outside_project", outside);
        }
        GitPlanSelection next;
        try {
            next = GitPlanSelection.select(changes, info);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
        out.set("next", next(next, prefix));
        if (includeDiff) {
            int cap = Math.max(1_000, Math.min(MAX_DIFF_CHARS, context.limits().maxResultChars() * 2 / 3));
            try {
                GitChanges.Diff diff = git.unifiedDiff(changes, cap);
                out.put("diff", diff.text());
                out.put("diff_truncated", diff.truncated());
            } catch (IllegalArgumentException e) {
                throw new ToolFailure(e.getMessage());
            }
        }
        return ToolResult.json(out);
    }

    private static ObjectNode next(GitPlanSelection s, String prefix) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (s instanceof GitPlanSelection.Migrations m) {
            o.put("action", "plan_migration_files");
            ArrayNode a = o.putArray("files");
            m.files().forEach(f -> a.add(f.path().substring(prefix.length())));
        } else if (s instanceof GitPlanSelection.SchemaDiff d) {
            o.put("action", "plan_schema_change");
            o.put("from", d.fromName());
            o.put("to", d.toName());
        } else if (s instanceof GitPlanSelection.Unplannable u) {
            o.put("action", "produce_sql_first");
            o.put("message", u.message());
        } else {
            o.put("action", "nothing_to_plan");
            o.put("message", ((GitPlanSelection.Nothing) s).message());
        }
        if (!s.notes().isEmpty()) {
            ArrayNode n = o.putArray("notes");
            s.notes().forEach(n::add);
        }
        return o;
    }
}
