package io.schemapilot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.loop.CancelToken;
import io.schemapilot.agent.loop.RunResult;
import io.schemapilot.agent.runtime.AgentRuntime;
import io.schemapilot.agent.transcript.EventJson;
import io.schemapilot.agent.transcript.Redactor;
import io.schemapilot.agent.transcript.TranscriptWriter;
import io.schemapilot.report.Risk;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code schemapilot ask "TEXT"}: one non-interactive agent run. The persona's model (offline by default) calls the
 * tools and submits a plan; the answer (and the plan) go to stdout, progress to stderr, every event to the session's
 * transcript. Write and destructive tools need {@code --confirm NAME} ({@code --yes} confirms writes only).
 */
@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Ask an agent once, non-interactively: it inspects, checks and plans with schemapilot's tools and ends"
                    + " with a migration plan.",
            "Without --model (or SCHEMAPILOT_MODEL / config) the offline model follows the persona's procedure: no"
                    + " key and no network needed."
        },
        footerHeading = "%n",
        footer = {
            "Examples:",
            "  schemapilot ask \"plan examples/migrations/V3__orders_status_index.sql against examples/schema.sql\"",
            "  echo \"plan db/migrations\" | schemapilot ask --format json --schema db/schema.sql",
            "  schemapilot ask --model openai:gpt-4.1 \"is it safe to add NOT NULL to users.email?\" --db $DATABASE_URL",
            "",
            "Exit codes: 0 answered (plan below --fail-on, when given); 1 stopped at --max-turns, the plan's risk is"
                    + " at or above --fail-on, or the model refused the request; 2 usage or input error; 3 model or"
                    + " database unreachable, or the key was rejected; 4 internal error; 130 interrupted."
        })
final class AskCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    SchemapilotCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "0..*",
            description = "The request (several words are joined); '-' or nothing reads it from stdin.")
    List<String> words = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json (one object at the end) or stream-json (JSON Lines as it happens).")
    String format;

    @Option(names = "--approve", paramLabel = "MODE", defaultValue = "read-only",
            description = "read-only (default): read tools run without asking; none: no tool runs at all.")
    String approve;

    @Option(names = "--yes", description = "Confirm write tools (never destructive ones: those need --confirm NAME).")
    boolean yes;

    @Option(names = "--fail-on", paramLabel = "RISK", description = "Exit 1 when the submitted plan's risk is at or above RISK.")
    String failOn;

    @Mixin
    AgentOptions agent;

    @Mixin
    DatabaseOptions database;

    @Mixin
    CommonOptions common;

    private enum Format { TEXT, JSON, STREAM_JSON }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Format fmt = parseFormat();
        Risk failRisk = failOn == null ? null : parseRisk(failOn);
        String text = request();
        AgentRuntime runtime = agent.runtime(root.env().env(), database, AgentRuntime.Approve.parse(approve), yes,
                fmt != Format.JSON);
        AgentSession session = runtime.session();
        runtime.notes().forEach(n -> err.println("note: " + n));
        Redactor redactor = Redactor.fromEnvironment(root.env().env());

        TranscriptWriter transcript = agent.transcript(session, redactor, err);
        AgentListener listener = transcript == null ? AgentListener.none() : transcript;
        if (fmt == Format.STREAM_JSON) {
            listener = listener.andThen(e -> {
                out.println(EventJson.toJson(e, redactor).toString());
                out.flush();
            });
        } else if (fmt == Format.TEXT) {
            listener = listener.andThen(progress(err, common.verbose()));
        }
        CancelToken cancel = new CancelToken();
        Thread hook = new Thread(cancel::cancel, "schemapilot-ask-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        RunResult result;
        try {
            result = session.send(text, listener, cancel);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down (Ctrl-C): the hook has run
            }
            if (transcript != null) {
                transcript.close();
                transcript.failure().ifPresent(e -> err.println("warning: the transcript could not be written: "
                        + e.getMessage()));
            }
        }
        if (transcript != null && common.verbose()) {
            err.println("transcript: " + transcript.file() + " (resume with --resume " + transcript.sessionId() + ")");
        }

        ObjectNode summary = summary(result, transcript);
        switch (fmt) {
            case JSON:
                out.println(redactor.redact(summary).toPrettyString());
                break;
            case STREAM_JSON:
                ObjectNode last = summary.deepCopy();
                last.put("type", "result");
                out.println(redactor.redact(last).toString());
                break;
            default:
                if ("error_model".equals(result.subtype()) && result.plan() == null) {
                    // the "answer" is the error itself: it goes to stderr below, and stdout stays empty
                    break;
                }
                out.println(redactor.redact(result.answer()));
                if (result.plan() != null) {
                    out.println();
                    out.print(io.schemapilot.agent.runtime.PlanViews.text(result.plan()));
                }
        }
        out.flush();
        if (!result.ok()) {
            // the contract's one line on stderr, whatever the format (json and stream-json also carry it on stdout)
            err.println("ask: " + result.subtype().replace('_', ' ') + ": "
                    + ErrorHandler.oneLine(redactor.redact(result.answer())));
            err.flush();
            return result.exitCode();
        }
        if (failRisk != null && result.plan() != null) {
            Risk risk = parseRiskOrNull(result.plan().path("risk").path("overall").asText(null));
            if (risk != null && risk.atLeast(failRisk)) {
                return ExitCode.FINDINGS.code();
            }
        }
        return ExitCode.OK.code();
    }

    /** The contract's {@code ask --format json} object, plus subtype, session and cost. */
    private static ObjectNode summary(RunResult r, TranscriptWriter transcript) {
        ObjectNode o = JSON.createObjectNode();
        o.put("answer", r.answer());
        if (r.plan() == null) {
            o.putNull("plan");
        } else {
            o.set("plan", r.plan());
        }
        ArrayNode calls = o.putArray("tool_calls");
        for (RunResult.ToolCallRecord c : r.toolCalls()) {
            calls.addObject().put("name", c.name()).put("ok", c.ok());
        }
        ObjectNode usage = o.putObject("usage");
        usage.put("input_tokens", r.inputTokens());
        usage.put("output_tokens", r.outputTokens());
        if (r.costUsd() != null) {
            usage.put("cost_usd", r.costUsd());
        }
        o.put("model", r.model());
        o.put("turns", r.turns());
        o.put("subtype", r.subtype());
        o.put("is_error", !r.ok());
        if (transcript != null) {
            o.put("session_id", transcript.sessionId());
        }
        return o;
    }

    /** One line per step on stderr, so a terminal user sees the agent work while stdout stays the answer. */
    private static AgentListener progress(PrintWriter err, boolean verbose) {
        return e -> {
            if (e instanceof AgentEvent.ToolCall c) {
                err.println("→ " + c.name() + (verbose ? " " + abbreviate(c.arguments(), 160) : ""));
            } else if (e instanceof AgentEvent.ToolResult r) {
                err.println((r.ok() ? "  ✓ " : "  ✗ ") + abbreviate(firstLine(r.text()), 160));
            } else if (e instanceof AgentEvent.Confirmation c) {
                err.println("  " + (c.approved() ? "confirmed" : "not confirmed") + " (" + c.kind() + "): " + c.action()
                        + " — " + c.how());
            } else if (e instanceof AgentEvent.Retry r) {
                err.println("  retrying in " + Math.max(1, r.delay().toSeconds()) + " s: " + r.reason());
            }
            err.flush();
        };
    }

    private String request() {
        String text = String.join(" ", words).strip();
        if (text.isEmpty() || text.equals("-")) {
            try {
                InputStream in = root.env().stdin();
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read the request from stdin: " + e.getMessage());
            }
        }
        if (text.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "ask needs a request: schemapilot ask \"plan db/migrations/V2.sql"
                    + " against db/schema.sql\" (or pipe it on stdin)");
        }
        return text;
    }

    private Format parseFormat() {
        switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "text":
                return Format.TEXT;
            case "json":
                return Format.JSON;
            case "stream-json":
            case "stream_json":
            case "jsonl":
                return Format.STREAM_JSON;
            default:
                throw new CliException(ExitCode.USAGE, "--format: unknown format '" + format
                        + "'; use text, json or stream-json");
        }
    }

    private static Risk parseRisk(String s) {
        Risk r = parseRiskOrNull(s);
        if (r == null) {
            throw new CliException(ExitCode.USAGE, "--fail-on: unknown risk '" + s + "'; use low, medium, high or critical");
        }
        return r;
    }

    private static Risk parseRiskOrNull(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Risk.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String abbreviate(String s, int max) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
