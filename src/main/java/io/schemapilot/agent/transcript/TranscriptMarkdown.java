package io.schemapilot.agent.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.agent.loop.AgentEvent;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transcript as Markdown, for {@code /save}-style export: a header table, then the conversation in order (user
 * and assistant messages as sections, tool calls with their arguments, results capped at
 * {@link #MAX_RESULT_CHARS} characters, confirmations, retries and errors as quotes, the submitted plan as JSON),
 * and the token totals at the end. Text is redacted again on the way out and every code block gets a fence longer
 * than any backtick run inside it.
 */
public final class TranscriptMarkdown {

    /** Tool results longer than this are cut in the export (the transcript keeps them whole). */
    public static final int MAX_RESULT_CHARS = 4000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private TranscriptMarkdown() {
    }

    public static String render(TranscriptReader.Session session) {
        return render(session.header(), session.events(), Redactor.standard());
    }

    /** A live session (e.g. the chat's {@code /save}); strings go through {@code redactor}. */
    public static String render(SessionHeader header, List<AgentEvent> events, Redactor redactor) {
        Redactor r = redactor == null ? Redactor.standard() : redactor;
        StringBuilder sb = new StringBuilder();
        sb.append("# schemapilot session ").append(header == null || header.id() == null ? "" : header.id())
                .append("\n\n");
        if (header != null) {
            sb.append("| | |\n|---|---|\n");
            row(sb, "persona", header.persona(), r);
            row(sb, "model", header.model(), r);
            row(sb, "started", header.started() == null ? null : header.started().toString(), r);
            row(sb, "schemapilot", header.version(), r);
            row(sb, "working directory", header.cwd(), r);
            sb.append('\n');
        }
        AgentEvent.Usage lastUsage = null;
        for (AgentEvent e : events) {
            if (e instanceof AgentEvent.User u) {
                sb.append("## User\n\n").append(r.redact(u.text()).strip()).append("\n\n");
            } else if (e instanceof AgentEvent.Assistant a) {
                String text = r.redact(a.text());
                if (text != null && !text.isBlank()) {
                    sb.append("## Assistant\n\n").append(text.strip()).append("\n\n");
                }
            } else if (e instanceof AgentEvent.ToolCall c) {
                sb.append("**Tool call** `").append(inline(r.redact(c.name()))).append("`");
                if (c.id() != null && !c.id().isBlank()) {
                    sb.append(" (").append(inline(r.redact(c.id()))).append(')');
                }
                sb.append("\n\n");
                block(sb, "json", prettyJson(r.redact(c.arguments())));
            } else if (e instanceof AgentEvent.ToolResult t) {
                sb.append("**Result of** `").append(inline(r.redact(t.name()))).append("`")
                        .append(t.ok() ? "" : " (failed)").append("\n\n");
                String text = r.redact(t.text());
                if (text == null || text.isEmpty()) {
                    sb.append("_(empty)_\n\n");
                } else {
                    if (text.length() > MAX_RESULT_CHARS) {
                        text = text.substring(0, MAX_RESULT_CHARS) + "\n... (" + (text.length() - MAX_RESULT_CHARS)
                                + " more characters in the transcript)";
                    }
                    block(sb, "", text);
                }
            } else if (e instanceof AgentEvent.Confirmation c) {
                sb.append("> **Confirmation**: ").append(nz(r.redact(c.tool()))).append(' ')
                        .append(nz(r.redact(c.action()))).append(" on `").append(inline(nz(r.redact(c.target()))))
                        .append("`").append(c.kind() == null ? "" : " (" + r.redact(c.kind()) + ")")
                        .append(": ").append(c.approved() ? "approved" : "refused")
                        .append(c.how() == null ? "" : " (" + r.redact(c.how()) + ")").append("\n\n");
            } else if (e instanceof AgentEvent.Retry rt) {
                sb.append("> Retry ").append(rt.attempt()).append(" after ")
                        .append(seconds(rt.delay() == null ? 0 : rt.delay().toMillis())).append(": ")
                        .append(nz(r.redact(rt.reason()))).append("\n\n");
            } else if (e instanceof AgentEvent.Error er) {
                sb.append("> **Error** (").append(nz(r.redact(er.kind()))).append("): ")
                        .append(oneLine(nz(r.redact(er.message())))).append("\n\n");
            } else if (e instanceof AgentEvent.PlanSubmitted p) {
                sb.append("## Plan submitted\n\n");
                block(sb, "json", p.plan() == null ? "null" : pretty(r.redact(p.plan())));
            } else if (e instanceof AgentEvent.Usage u) {
                lastUsage = u;
            }
        }
        if (lastUsage != null) {
            sb.append("---\n\nTokens: ").append(lastUsage.totalInputTokens()).append(" in, ")
                    .append(lastUsage.totalOutputTokens()).append(" out");
            if (lastUsage.costUsd() != null) {
                sb.append(String.format(Locale.ROOT, ", cost $%.4f", lastUsage.costUsd()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String key, String value, Redactor r) {
        if (value != null && !value.isBlank()) {
            sb.append("| ").append(key).append(" | ").append(r.redact(value).replace("|", "\\|")
                    .replaceAll("\\s*\\R\\s*", " ")).append(" |\n");
        }
    }

    private static void block(StringBuilder sb, String lang, String text) {
        String fence = fence(text);
        sb.append(fence).append(lang).append('\n').append(text);
        if (!text.endsWith("\n")) {
            sb.append('\n');
        }
        sb.append(fence).append("\n\n");
    }

    /** Three backticks, or one more than the longest run of backticks in {@code text}. */
    static String fence(String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String prettyJson(String raw) {
        if (raw == null) {
            return "{}";
        }
        try {
            return pretty(JSON.readTree(raw));
        } catch (JsonProcessingException e) {
            return raw;
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }

    private static String inline(String s) {
        return s == null ? "" : s.replace("`", "'");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
