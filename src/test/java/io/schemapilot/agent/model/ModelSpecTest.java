package io.schemapilot.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void parses_provider_and_name() {
        ModelSpec s = ModelSpec.parse("openai:gpt-4o");
        assertEquals(Provider.OPENAI, s.provider());
        assertEquals("gpt-4o", s.name());
        assertEquals("openai:gpt-4o", s.id());
        assertFalse(s.isOffline());
    }

    @Test
    void the_name_keeps_its_own_colons_and_the_provider_is_case_insensitive() {
        ModelSpec s = ModelSpec.parse("  Ollama:llama3.1:8b ");
        assertEquals(Provider.OLLAMA, s.provider());
        assertEquals("llama3.1:8b", s.name());
        assertEquals("ollama:llama3.1:8b", s.toString());
    }

    @Test
    void offline_needs_no_name() {
        assertTrue(ModelSpec.parse("offline").isOffline());
        assertNull(ModelSpec.parse("offline").name());
        assertEquals("offline", ModelSpec.parse("offline:").id());
        assertEquals(ModelSpec.OFFLINE, ModelSpec.offline());
    }

    @Test
    void a_provider_without_a_name_says_how_to_write_it() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("anthropic:"));
        assertEquals("model 'anthropic' needs a name: use anthropic:NAME (e.g. anthropic:claude-sonnet-4-5)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("openai"));
    }

    @Test
    void an_unknown_provider_lists_the_known_ones() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("gemini:pro"));
        assertEquals("unknown model provider 'gemini' in 'gemini:pro': use openai, anthropic, ollama or offline",
                e.getMessage());
    }

    @Test
    void a_bare_name_and_an_empty_text_are_rejected() {
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("gpt-4o"));
        assertTrue(bare.getMessage().startsWith("model 'gpt-4o' has no provider"), bare.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(" "));
        assertTrue(empty.getMessage().startsWith("empty model"), empty.getMessage());
    }
}
