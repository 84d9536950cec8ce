package io.schemapilot.agent.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.agent.loop.CancelToken;
import io.schemapilot.agent.loop.ModelCallException;
import io.schemapilot.agent.loop.ModelCaller;
import io.schemapilot.agent.loop.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat REPL driven with keystrokes on a JLine test terminal, against a real {@code AgentSession} with a
 * scripted model and small tools.
 */
class ChatReplTest {

    @TempDir
    Path dir;

    @Test
    void aMessageShowsTheToolCallItsResultAndTheAnswer() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.call("check_migration", "{\"file\": \"migrations/001_add_status.sql\"}")
                .answer("The migration rewrites orders; add the column nullable first.");
        try (ReplHarness h = ReplHarness.start(c)) {
            String shown = h.line("check my migration");
            assertTrue(shown.contains("→ check_migration {\"file\": \"migrations/001_add_status.sql\"}"), shown);
            assertTrue(shown.contains("✓ 2 findings: ADD COLUMN ... NOT NULL rewrites orders"), shown);
            assertFalse(shown.contains("second line"), "only the first line of a result is shown: " + shown);
            assertTrue(shown.contains("The migration rewrites orders; add the column nullable first."), shown);
            assertTrue(shown.indexOf("→ check_migration") < shown.indexOf("The migration rewrites"), shown);
            assertTrue(shown.contains("2 turns"), "a footer with the run's numbers: " + shown);
        }
        assertEquals(List.of("check my migration"), c.userMessages());
        assertEquals(List.of("check_migration"), c.tools.called);
    }

    @Test
    void helpListsEveryCommandAndAnUnknownCommandGetsOneLine() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        try (ReplHarness h = ReplHarness.start(c)) {
            String help = h.line("/help");
            for (String cmd : List.of("/persona NAME", "/personas", "/tools", "/model [SPEC]", "/plan [md]",
                    "/save [FILE]", "/transcript", "/clear", "/exit")) {
                assertTrue(help.contains(cmd), cmd + " in " + help);
            }
            String unknown = h.line("/frobnicate now");
            List<String> lines = nonBlankLines(unknown);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("unknown command /frobnicate")
                    && l.contains("/help")), unknown);
            assertEquals(1, lines.stream().filter(l -> l.startsWith("unknown command")).count(), unknown);
        }
        assertTrue(c.userMessages().isEmpty(), "commands never reach the model");
        assertTrue(c.model.requests.isEmpty());
    }

    @Test
    void personasListsAndPersonaSwitches() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        try (ReplHarness h = ReplHarness.start(c)) {
            String list = h.line("/personas");
            assertTrue(list.contains("current: default"), list);
            assertTrue(list.contains("planner  —  plans migrations with a risk matrix"), list);
            String sw = h.line("/persona planner");
            assertTrue(sw.contains("persona: planner"), sw);
            assertEquals("planner", c.session.persona().name());
            assertTrue(sw.contains("planner> "), "the prompt names the persona: " + sw);
            String bad = h.line("/persona nobody");
            assertTrue(bad.contains("unknown persona nobody"), bad);
            assertEquals("planner", c.session.persona().name());
        }
    }

    @Test
    void toolsAndModelShowAndSwitch() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.answer("hi");
        try (ReplHarness h = ReplHarness.start(c)) {
            String tools = h.line("/tools");
            assertTrue(tools.contains("check_migration  read  checks a migration"), tools);
            assertTrue(tools.contains("drop_table  destructive"), tools);
            String model = h.line("/model");
            assertTrue(model.contains("model: scripted"), model);
            assertTrue(model.contains("openai:gpt-4o-mini"), "suggestions: " + model);
            String sw = h.line("/model openai:gpt-4o-mini");
            assertTrue(sw.contains("model: openai:gpt-4o-mini"), sw);
            assertEquals("openai:gpt-4o-mini", c.session.model().label());
            String bad = h.line("/model nonsense");
            assertTrue(bad.contains("unknown model nonsense"), bad);
            h.line("hello");
            assertEquals("openai:gpt-4o-mini", h.repl.lastResult().model());
        }
    }

    @Test
    void planShowsTheLastSubmittedPlan() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.call("submit_plan", "{\"risk\": \"high\", \"steps\": [1, 2, 3]}");
        try (ReplHarness h = ReplHarness.start(c)) {
            assertTrue(h.line("/plan").contains("no plan yet"));
            String run = h.line("plan the migration");
            assertTrue(run.contains("→ submit_plan"), run);
            assertTrue(run.contains("plan submitted — /plan to show it"), run);
            String text = h.line("/plan");
            assertTrue(text.contains("PLAN risk=high"), text);
            assertTrue(text.contains("steps: 3"), text);
            String md = h.line("/plan md");
            assertTrue(md.contains("# Migration plan"), md);
            assertTrue(md.contains("- risk: high"), md);
        }
        assertNotNull(c.lastPlan);
    }

    @Test
    void saveWritesTheConversationAndTranscriptNamesItsFile() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.answer("Add the column nullable, backfill, then SET NOT NULL.");
        Path file = dir.resolve("out.md");
        try (ReplHarness h = ReplHarness.start(c)) {
            h.line("how do I add a NOT NULL column?");
            String saved = h.line("/save " + file);
            assertTrue(saved.contains("saved the conversation to " + file), saved);
            String dflt = h.line("/save");
            assertTrue(dflt.contains("saved the conversation to " + dir.resolve("conversation.md")), dflt);
            String t = h.line("/transcript");
            assertTrue(t.contains("transcript: " + dir.resolve("transcript.jsonl")), t);
        }
        String md = Files.readString(file);
        assertTrue(md.contains("**user:** how do I add a NOT NULL column?"), md);
        assertTrue(md.contains("backfill, then SET NOT NULL"), md);
    }

    @Test
    void clearForgetsTheConversation() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.answer("one").answer("two");
        try (ReplHarness h = ReplHarness.start(c)) {
            h.line("first");
            assertEquals(3, c.session.conversation().size());
            String cleared = h.line("/clear");
            assertTrue(cleared.contains("conversation cleared"), cleared);
            assertEquals(1, c.session.conversation().size());
            h.line("second");
        }
        // the second request carries only the system message and the new question
        assertEquals(2, c.model.requests.get(1).messages().size());
    }

    @Test
    void backslashContinuationReachesTheModelAsOneMessageWithTheNewline() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.then(r -> dev.langchain4j.data.message.AiMessage.from(
                "got " + TestChatControl.ScriptedModel.lastUserText(r).length() + " chars"));
        try (ReplHarness h = ReplHarness.start(c)) {
            h.type("check this:\\\r");
            h.awaitText("… ");
            h.line("ALTER TABLE orders ADD COLUMN note text;");
        }
        assertEquals(List.of("check this:\nALTER TABLE orders ADD COLUMN note text;"), c.userMessages());
        assertEquals(1, c.model.requests.size());
    }

    @Test
    void tripleQuoteBlockKeepsLinesAndExclamationMarks() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.answer("ok").answer("ok");
        try (ReplHarness h = ReplHarness.start(c)) {
            h.line("first message");
            h.type("\"\"\"\r");
            h.type("SELECT 1 WHERE 2 != 3;\r");
            h.type("-- !! and !first stay as typed\r");
            h.line("\"\"\"");
        }
        assertEquals(List.of("first message", "SELECT 1 WHERE 2 != 3;\n-- !! and !first stay as typed"),
                c.userMessages());
    }

    @Test
    void historyIsWrittenToTheHistoryFile() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.answer("fine");
        try (ReplHarness h = ReplHarness.start(c)) {
            h.line("is ADD COLUMN with a default safe?");
            h.type("/exit\r");
            assertEquals(0, h.awaitExit());
        }
        Path history = dir.resolve(".schemapilot").resolve("chat-history");
        assertTrue(Files.exists(history));
        String text = Files.readString(history, StandardCharsets.UTF_8);
        assertTrue(text.contains("is ADD COLUMN with a default safe?"), text);
        assertTrue(text.contains("/exit"), text);
    }

    @Test
    void ctrlDExitsWithZero() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        try (ReplHarness h = ReplHarness.start(c)) {
            h.type("\u0004");
            assertEquals(0, h.awaitExit());
        }
        // once the chat has ended nobody can answer: the gate says no
        var decision = c.gate().decide(new io.schemapilot.apply.ConfirmationGate.Request("DROP TABLE t", "shop",
                io.schemapilot.apply.ConfirmationGate.Kind.DESTRUCTIVE));
        assertFalse(decision.approved());
        assertTrue(decision.how().startsWith("not confirmed: a destructive action needs --confirm shop"), decision.how());
    }

    @Test
    void quitExitsWithZero() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        try (ReplHarness h = ReplHarness.start(c)) {
            h.type("/quit\r");
            assertEquals(0, h.awaitExit());
        }
    }

    @Test
    void typingTheTargetsNameApprovesTheDestructiveCall() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.call("drop_table", "{\"table\": \"orders_old\"}").answer("Dropped orders_old.");
        try (ReplHarness h = ReplHarness.start(c)) {
            int p = h.repl.promptsShown();
            h.type("drop the old table\r");
            h.awaitText("confirm shop> ");
            h.awaitReading();
            String asked = h.screen();
            assertTrue(asked.contains("destructive action — confirmation needed"), asked);
            assertTrue(asked.contains("action: DROP TABLE orders_old"), asked);
            assertTrue(asked.contains("target: shop"), asked);
            h.type("shop\r");
            h.awaitPrompt(p + 1);
            String after = h.screen();
            assertTrue(after.contains("confirmed: typed the target's name"), after);
            assertTrue(after.contains("✓ dropped orders_old"), after);
            assertTrue(after.contains("Dropped orders_old."), after);
        }
        assertEquals(List.of("orders_old"), c.tools.dropped);
        AgentEvent.Confirmation conf = confirmation(c);
        assertTrue(conf.approved());
        // the answer is not a history entry
        assertFalse(Files.readString(dir.resolve(".schemapilot").resolve("chat-history")).lines().anyMatch(l -> l.endsWith("shop")));
    }

    @Test
    void anyOtherAnswerDeclinesTheDestructiveCall() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.call("drop_table", "{\"table\": \"orders\"}").answer("I did not drop it.");
        try (ReplHarness h = ReplHarness.start(c)) {
            int p = h.repl.promptsShown();
            h.type("drop orders\r");
            h.awaitText("confirm shop> ");
            h.awaitReading();
            h.type("yes\r");
            h.awaitPrompt(p + 1);
            String after = h.screen();
            assertTrue(after.contains("declined: not confirmed: the answer was not the target's name"), after);
            assertTrue(after.contains("✗ not run"), after);
        }
        assertTrue(c.tools.dropped.isEmpty());
        assertFalse(confirmation(c).approved());
    }

    @Test
    void ctrlCAtTheConfirmationDeclinesAndCancelsTheRun() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.call("drop_table", "{\"table\": \"orders\"}").answer("never asked");
        try (ReplHarness h = ReplHarness.start(c)) {
            int p = h.repl.promptsShown();
            h.type("drop orders\r");
            h.awaitText("confirm shop> ");
            h.awaitReading();
            h.type("sho\u0003");
            h.awaitPrompt(p + 1);
            assertTrue(h.screen().contains("declined (Ctrl-C) — cancelling the run"), h.screen());
            assertEquals("cancelled", h.repl.lastResult().subtype());
        }
        assertTrue(c.tools.dropped.isEmpty());
        assertEquals(1, c.model.requests.size(), "the model is not asked again after the cancel");
    }

    @Test
    void ctrlCDuringASlowModelCallCancelsTheRunAndTheReplGoesOn() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ctrlCSeen = new CountDownLatch(1);
        c.model.then(r -> {
            // a model call that does not watch the cancel token: it ends only after the Ctrl-C was handled
            started.countDown();
            try {
                ctrlCSeen.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return dev.langchain4j.data.message.AiMessage.from(List.of(
                    dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("c1").name("check_migration")
                            .arguments("{}").build()));
        }).answer("never reached").answer("still here");
        try (ReplHarness h = ReplHarness.start(c)) {
            int p = h.repl.promptsShown();
            h.type("a slow question\r");
            assertTrue(started.await(10, TimeUnit.SECONDS));
            h.type("\u0003");
            h.awaitText("cancelling");
            ctrlCSeen.countDown();
            h.awaitPrompt(p + 1);
            RunResult r = h.repl.lastResult();
            assertEquals("cancelled", r.subtype());
            assertEquals(130, r.exitCode());
            assertTrue(h.screen().contains("⏹ cancelled by the user"), h.screen());
            assertTrue(c.tools.called.isEmpty(), "the tool the slow answer asked for did not run");

            String next = h.line("are you still there?");
            assertTrue(next.contains("never reached"), "the next message runs normally: " + next);
            assertEquals("success", h.repl.lastResult().subtype());
        }
        assertTrue(c.events.stream().anyMatch(e -> e instanceof AgentEvent.Error err && err.kind().equals("cancelled")));
    }

    @Test
    void ctrlCAtThePromptClearsTheLine() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.answer("ok");
        try (ReplHarness h = ReplHarness.start(c)) {
            int p = h.repl.promptsShown();
            h.type("drop everything");
            ReplHarness.sleep(100);
            h.type("\u0003");
            h.awaitPrompt(p + 1);
            h.line("only this");
        }
        assertEquals(List.of("only this"), c.userMessages());
    }

    @Test
    void tabCompletesCommandsPersonasAndModels() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        try (ReplHarness h = ReplHarness.start(c)) {
            String help = h.line("/hel\t");
            assertTrue(help.contains("Type a message to talk to the agent"), help);
            String persona = h.line("/persona pla\t");
            assertTrue(persona.contains("persona: planner"), persona);
            assertEquals("planner", c.session.persona().name());
            String model = h.line("/model anth\t");
            assertTrue(model.contains("model: anthropic:claude-sonnet-4-5"), model);
        }
    }

    @Test
    void streamedTextIsShownOnceAndRetriesAreAnnounced() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.session.switchModel(new StreamingCaller(c.model));
        c.model.answer("Use CREATE INDEX CONCURRENTLY.");
        try (ReplHarness h = ReplHarness.start(c)) {
            String shown = h.line("how do I add an index?");
            assertTrue(shown.contains("retrying in 3 s: rate limited"), shown);
            assertTrue(shown.contains("Use CREATE INDEX CONCURRENTLY."), shown);
            assertEquals(1, count(shown, "CONCURRENTLY"), "streamed text is not printed twice: " + shown);
        }
    }

    @Test
    void aModelErrorIsShownAndTheReplGoesOn() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.then(r -> {
            throw new IllegalStateException("connection reset");
        }).answer("back again");
        try (ReplHarness h = ReplHarness.start(c)) {
            String shown = h.line("hello");
            assertTrue(shown.contains("✗ internal: scripted failed: connection reset"), shown);
            assertEquals("error_model", h.repl.lastResult().subtype());
            assertTrue(h.line("hello again").contains("back again"));
        }
    }

    @Test
    void theStatusLineShowsPersonaModelAndTokens() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.call("check_migration", "{}").answer("done").answer("again");
        c.modelLabel = "priced";
        c.session.switchModel(new PricedCaller(c.model));
        try (ReplHarness h = ReplHarness.start(c)) {
            assertTrue(lastRow(h).contains("default · priced · 0 in / 0 out tokens"), String.join("\n", h.rows()));
            String run = h.line("check");
            String status = lastRow(h);
            // 200 input tokens at $10/M + 40 output tokens at $30/M
            assertTrue(status.contains("default · priced · 200 in / 40 out tokens · $0.0032"),
                    String.join("\n", h.rows()));
            assertFalse(status.contains("running"), status);
            assertTrue(run.contains("(2 turns · 1 tool call · 200 in / 40 out tokens · $0.0032)"), run);
            h.line("and again");
            assertTrue(lastRow(h).contains("default · priced · 300 in / 60 out tokens · $0.0048"),
                    String.join("\n", h.rows()));
            h.line("/persona planner");
            assertTrue(lastRow(h).contains("planner · priced · 300 in / 60 out tokens"), String.join("\n", h.rows()));
            // drawn with the scroll region reserved at the bottom of the 40-row screen
            assertTrue(h.raw().contains("\u001B[1;39r"), "scroll region set");
        }
    }

    @Test
    void aDumbTerminalWorksLineByLineWithoutAStatusLine() throws Exception {
        TestChatControl c = new TestChatControl(dir);
        c.model.call("check_migration", "{}").answer("plain answer");
        ReplHarness.Keys keys = new ReplHarness.Keys();
        ReplHarness.Capture out = new ReplHarness.Capture();
        DumbTerminal t = new DumbTerminal("dumb", "dumb", keys, out, StandardCharsets.UTF_8);
        try (ReplHarness h = ReplHarness.start(t, keys, out, c)) {
            String shown = h.line("check it");
            assertTrue(shown.contains("→ check_migration {}"), shown);
            assertTrue(shown.contains("plain answer"), shown);
            h.type("/exit\n");
            assertEquals(0, h.awaitExit());
            assertFalse(h.raw().contains("\u001B["), "no escape sequences on a dumb terminal: " + h.raw());
            assertTrue(h.raw().contains("default> "), h.raw());
        }
        assertEquals(List.of("check it"), c.userMessages());
    }

    private static String lastRow(ReplHarness h) {
        List<String> rows = h.rows();
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (!rows.get(i).isBlank()) {
                assertTrue(i >= 38, "the status is on the last row, not row " + (i + 1));
                return rows.get(i);
            }
        }
        return "";
    }

    private static AgentEvent.Confirmation confirmation(TestChatControl c) {
        return c.events.stream().filter(e -> e instanceof AgentEvent.Confirmation)
                .map(e -> (AgentEvent.Confirmation) e).findFirst().orElseThrow();
    }

    private static List<String> nonBlankLines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** A model whose price is known: $10 per million input tokens, $30 per million output tokens. */
    static final class PricedCaller implements ModelCaller {
        private final TestChatControl.ScriptedModel model;

        PricedCaller(TestChatControl.ScriptedModel model) {
            this.model = model;
        }

        @Override
        public ChatResponse call(ChatRequest request, AgentListener events, CancelToken cancel) {
            return model.chat(request);
        }

        @Override
        public String label() {
            return "priced";
        }

        @Override
        public Double cost(long inputTokens, long outputTokens) {
            return inputTokens * 10e-6 + outputTokens * 30e-6;
        }
    }

    /** A model caller that announces one retry and streams its answer in pieces, as a streaming provider does. */
    static final class StreamingCaller implements ModelCaller {
        private final TestChatControl.ScriptedModel model;

        StreamingCaller(TestChatControl.ScriptedModel model) {
            this.model = model;
        }

        @Override
        public ChatResponse call(ChatRequest request, AgentListener events, CancelToken cancel)
                throws ModelCallException {
            events.onEvent(new AgentEvent.Retry(1, Duration.ofSeconds(3), "rate limited"));
            ChatResponse response = model.chat(request);
            String text = response.aiMessage().text();
            if (text != null) {
                for (int i = 0; i < text.length(); i += 5) {
                    events.onEvent(new AgentEvent.AssistantDelta(text.substring(i, Math.min(text.length(), i + 5))));
                }
            }
            return response;
        }

        @Override
        public String label() {
            return "streaming";
        }
    }
}
