package io.schemapilot.agent.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;

/** Multi-line input rules and slash-command recognition, without a terminal. */
class ChatInputTest {

    @Test
    void escapedLineBreaksBecomeLineBreaks() {
        assertEquals("select 1\nfrom t", ChatInput.message("select 1\\\nfrom t"));
        assertEquals("a\nb\nc", ChatInput.message("a\\\nb\\\nc"));
    }

    @Test
    void aTripleQuoteBlockLosesItsMarkersOnly() {
        assertEquals("line one\n  line two", ChatInput.message("\"\"\"\nline one\n  line two\n\"\"\""));
        assertEquals("inline", ChatInput.message("\"\"\"inline\"\"\""));
        // a backslash at a line end inside a block is kept as typed
        assertEquals("psql \\\nnext", ChatInput.message("\"\"\"\npsql \\\nnext\n\"\"\""));
    }

    @Test
    void openBlocksAndEscapedNewlinesAskForMoreInput() {
        Parser p = ChatInput.parser();
        assertThrows(EOFError.class, () -> p.parse("\"\"\"", 3, Parser.ParseContext.ACCEPT_LINE));
        assertThrows(EOFError.class, () -> p.parse("\"\"\"\nselect 1", 12, Parser.ParseContext.ACCEPT_LINE));
        assertThrows(EOFError.class, () -> p.parse("select 1 \\", 10, Parser.ParseContext.ACCEPT_LINE));
        p.parse("\"\"\"\nselect 1\n\"\"\"", 16, Parser.ParseContext.ACCEPT_LINE);
        // apostrophes and lone quotes are complete lines
        p.parse("it's a \"quoted word", 19, Parser.ParseContext.ACCEPT_LINE);
        p.parse("WHERE a != b", 12, Parser.ParseContext.ACCEPT_LINE);
    }

    @Test
    void slashCommandsAreTheFirstWordOnlyAndNotPaths() {
        assertTrue(SlashCommands.isCommand("/help"));
        assertTrue(SlashCommands.isCommand("  /model openai:gpt-4o"));
        assertTrue(SlashCommands.isCommand("/frobnicate"));
        assertFalse(SlashCommands.isCommand("/tmp/migration.sql looks wrong"));
        assertFalse(SlashCommands.isCommand("what does /plan do?"));
    }

    @Test
    void bigTokenCountsAreShortened() {
        assertEquals("9999", ChatRepl.tokens(9999));
        assertEquals("12.3k", ChatRepl.tokens(12_345));
        assertEquals("1.50M", ChatRepl.tokens(1_500_000));
    }
}
