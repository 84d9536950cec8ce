package io.schemapilot.agent.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.schemapilot.agent.persona.ProcedureStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model that needs no key and no network: a deterministic {@link ChatModel} that follows the persona's
 * {@code procedure}. For each request it reads the last user message ({@link OfflineRequest}), looks at which
 * procedure steps have run since then, and asks for the next applicable one with arguments taken from the request
 * and earlier results; after the last step it submits the plan. It keeps no state of its own: the conversation is
 * the state, so a resumed session continues where it stopped.
 *
 * <p>It is honest about what it is: a request it cannot turn into a procedure gets an answer saying so and how to
 * configure an LLM.
 */
public final class OfflineChatModel implements ChatModel {

    /** The line of the system prompt that tells the offline model where the current schema comes from. */
    public static final Pattern TARGET_LINE = Pattern.compile("(?m)^Current schema source: (none|--db|--schema)(?: (.+))?$");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RISK = Pattern.compile("\"overall\"\\s*:\\s*\"(\\w+)\"");

    private final Supplier<List<ProcedureStep>> procedure;
    private final Path projectRoot;

    /** @param procedure the current persona's procedure (a supplier: chat can switch personas) */
    public OfflineChatModel(Supplier<List<ProcedureStep>> procedure, Path projectRoot) {
        this.procedure = procedure;
        this.projectRoot = projectRoot;
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        int lastUser = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage) {
                lastUser = i;
                break;
            }
        }
        String userText = lastUser < 0 ? "" : ((UserMessage) messages.get(lastUser)).singleText();
        OfflineRequest req = OfflineRequest.parse(userText, projectRoot);
        Target target = target(messages);

        Map<String, Done> done = new java.util.LinkedHashMap<>();
        for (int i = lastUser + 1; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                    done.put(call.name(), new Done(call.id(), null));
                }
            } else if (m instanceof ToolExecutionResultMessage r) {
                Done d = done.get(r.toolName());
                if (d != null) {
                    done.put(r.toolName(), new Done(d.id(), r.text()));
                }
            }
        }
        Set<String> available = new LinkedHashSet<>();
        for (ToolSpecification s : request.toolSpecifications()) {
            available.add(s.name());
        }

        if (!req.actionable()) {
            return answer(notUnderstood(userText));
        }
        Done submitted = done.get("submit_plan");
        if (submitted != null) {
            return answer(submitted.result() != null && !submitted.result().startsWith("{")
                    ? "The plan did not pass validation, so I stopped: " + firstLine(submitted.result())
                    : summary(done));
        }
        Steps steps = new Steps(req, target, done, projectRoot);
        for (ProcedureStep step : effectiveProcedure(available)) {
            String tool = step.tool();
            if (done.containsKey(tool) || !available.contains(tool)) {
                continue;
            }
            ObjectNode args = steps.arguments(tool);
            if (args == null) {
                continue;   // not applicable to this request
            }
            String id = "offline_" + (done.size() + 1) + "_" + tool;
            String text = "submit_plan".equals(tool) ? summary(done) : null;
            ToolExecutionRequest call = ToolExecutionRequest.builder().id(id).name(tool).arguments(args.toString()).build();
            return ChatResponse.builder()
                    .aiMessage(text == null ? AiMessage.from(List.of(call)) : AiMessage.from(text, List.of(call)))
                    .tokenUsage(new TokenUsage(0, 0)).finishReason(FinishReason.TOOL_EXECUTION).build();
        }
        return answer(summary(done));
    }

    /** The persona's procedure; without one, the default: look, check, plan, submit. */
    private List<ProcedureStep> effectiveProcedure(Set<String> available) {
        List<ProcedureStep> p = procedure.get();
        if (p == null || p.isEmpty()) {
            p = new ArrayList<>();
            for (String t : List.of("detect_project", "git_diff", "inspect_schema", "check_migration", "check_data",
                    "plan_migration", "submit_plan")) {
                p.add(ProcedureStep.of(t));
            }
        }
        boolean hasSubmit = false;
        for (ProcedureStep s : p) {
            hasSubmit |= s.tool().equals("submit_plan");
        }
        if (!hasSubmit && available.contains("submit_plan")) {
            p = new ArrayList<>(p);
            p.add(ProcedureStep.of("submit_plan"));
        }
        return p;
    }

    private static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(0, 0))
                .finishReason(FinishReason.STOP).build();
    }

    private static String summary(Map<String, Done> done) {
        Done plan = done.get("plan_migration");
        StringBuilder sb = new StringBuilder();
        if (plan != null && Steps.looksLikePlan(plan.result())) {
            Matcher m = RISK.matcher(plan.result());
            sb.append("Here is the migration plan");
            if (m.find()) {
                sb.append(" (overall risk: ").append(m.group(1)).append(")");
            }
            sb.append(". I followed the persona's procedure: ").append(String.join(", ", done.keySet()))
                    .append(". The plan's phases, data checks and rollback are in the report.");
        } else {
            sb.append("I ran ").append(String.join(", ", done.keySet()))
                    .append(" but could not produce a plan");
            String why = plan == null || plan.result() == null ? null : firstLine(plan.result()).strip();
            sb.append(why == null || why.isEmpty() ? "; the tool results above say why." : ": " + why);
        }
        return sb.toString();
    }

    static String notUnderstood(String text) {
        return "I am schemapilot's offline model: I follow a persona's fixed procedure (find the change, check it,"
                + " check the data, plan it) and do not understand free-form questions. Name what to plan, e.g.\n"
                + "  plan examples/migrations/V9__users_phone_not_null.sql against examples/schema.sql\n"
                + "  plan --from old.sql --to new.sql\n"
                + "  plan my changes            (the schema and migration files changed in git)\n"
                + "  plan ALTER TABLE users ADD COLUMN age int NOT NULL;\n"
                + "For open questions, configure an LLM: --model openai:gpt-4.1 (OPENAI_API_KEY, OPENAI_BASE_URL for"
                + " any OpenAI-compatible server), --model anthropic:claude-sonnet-4-5 (ANTHROPIC_API_KEY), or"
                + " --model ollama:llama3.1 (OLLAMA_HOST); or set SCHEMAPILOT_MODEL.";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Where the current schema comes from, as the system prompt says. */
    record Target(String kind, String value) {
        boolean known() {
            return !"none".equals(kind);
        }
    }

    private static Target target(List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            if (m instanceof SystemMessage s) {
                Matcher t = TARGET_LINE.matcher(s.text());
                if (t.find()) {
                    return new Target(t.group(1), t.group(2) == null ? null : t.group(2).strip());
                }
            }
        }
        return new Target("none", null);
    }

    /** A tool call made since the user's message, and its result text (null while none). */
    record Done(String id, String result) {
    }

    static JsonNode parseOrNull(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
