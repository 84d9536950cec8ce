package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.skill.Skill;
import io.schemapilot.agent.skill.SkillCatalog;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code read_skill}: the body of a skill offered to the session ({@link ToolContext#skills()}), or one of its
 * reference files. Skills not offered cannot be read; a reference must be a file inside the skill's folder.
 */
public final class ReadSkillTool implements AgentTool {

    @Override
    public String name() {
        return "read_skill";
    }

    @Override
    public String description() {
        return "Read a skill listed in your instructions: its full guide (PostgreSQL locking, expand/contract"
                + " recipes, data checks, an ORM or migration tool's conventions) or one of its reference files"
                + " (reference: references/NAME.md, as listed at the end of the guide).";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty("name", "The skill's name, as listed (e.g. postgres-locking).")
                .addStringProperty("reference", "A file of the skill, e.g. references/lock-matrix.md; omit for the"
                        + " guide itself.")
                .required("name")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        SkillCatalog skills = context.skills();
        String name = Args.required(arguments, "name").strip();
        String reference = Args.text(arguments, "reference");
        List<String> offered = new ArrayList<>();
        if (skills != null) {
            skills.skills().forEach(s -> offered.add(s.name()));
        }
        Optional<Skill> skill = skills == null ? Optional.empty() : skills.find(name);
        if (skill.isEmpty()) {
            throw new ToolFailure("no skill '" + name + "' is offered in this session; skills: "
                    + (offered.isEmpty() ? "(none)" : String.join(", ", offered)));
        }
        try {
            if (reference != null) {
                return ToolResult.text(skills.reference(name, reference.strip()));
            }
            String body = skills.body(name);
            Skill s = skill.get();
            if (!s.references().isEmpty()) {
                body = body.stripTrailing() + "\n\n(reference files of this skill, read with read_skill name="
                        + s.name() + " reference=...: " + String.join(", ", s.references()) + ")\n";
            }
            return ToolResult.text(body);
        } catch (IOException e) {
            throw new ToolFailure(e.getMessage() == null ? "cannot read the skill" : e.getMessage());
        }
    }
}
