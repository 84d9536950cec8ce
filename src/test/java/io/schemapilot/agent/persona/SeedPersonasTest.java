package io.schemapilot.agent.persona;

import io.schemapilot.agent.TestPaths;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The five seed persona documents in ../shared/seeds (or -Dsp.seedsDir) all load, each quirk handled. */
class SeedPersonasTest {

    @Test
    void loads_all_five_seed_personas_with_sensible_names_and_descriptions() {
        assumeTrue(TestPaths.seedsPresent(), "seed folder not present: " + TestPaths.seeds());
        List<PersonaLoadResult> results = new PersonaLoader().loadDirectory(TestPaths.seeds());
        assertEquals(5, results.size(), results.toString());
        for (PersonaLoadResult r : results) {
            assertTrue(r.ok(), r.source() + ": " + r.error());
        }
        Map<String, Persona> byName = results.stream().map(PersonaLoadResult::persona)
                .collect(Collectors.toMap(Persona::name, Function.identity()));
        assertEquals(java.util.Set.of("schema-prod-migrator", "database-migration-agent", "migration-specialist-agent",
                "migration-planner", "database-migration-schema-agent"), byName.keySet());
        for (Persona p : byName.values()) {
            assertTrue(p.summary().length() > 40, p.name() + ": " + p.summary());
            assertFalse(p.summary().contains("<example>"), p.summary());
            assertFalse(p.body().isBlank(), p.name());
            assertTrue(p.body().startsWith("#"), p.name() + " body: " + p.body().substring(0, 40));
        }

        Persona prod = byName.get("schema-prod-migrator");
        assertTrue(prod.description().contains("<example>"), prod.description());
        assertTrue(prod.description().contains("user: \"Push these schema changes to production\""), prod.description());
        assertTrue(prod.summary().startsWith("Use this agent to safely migrate InstantDB production database schemas."),
                prod.summary());
        assertEquals("opus", prod.model());
        assertEquals("magenta", prod.color());
        assertEquals(List.of("instantdb"), prod.skills());

        Persona specialist = byName.get("migration-specialist-agent");
        assertEquals("Migration Specialist Agent", specialist.displayName());
        assertTrue(specialist.description().startsWith("Migration specialist focusing on safe database migrations"),
                specialist.description());

        Persona planner = byName.get("migration-planner");
        assertEquals("claude-sonnet-4-5", planner.model());
        assertEquals("blue", planner.color());

        Persona executor = byName.get("database-migration-schema-agent");
        assertEquals("Database Migration & Schema Agent", executor.displayName());
        assertEquals(List.of("agent"), executor.tags());
        assertTrue(executor.body().contains("\uD83E\uDDE0 Your Identity"), "emoji repaired");
        assertFalse(executor.body().contains("\u00f0\u0178\u00a7"), "no mojibake left where it could be repaired");

        Persona generator = byName.get("database-migration-agent");
        assertNull(generator.model());
        assertTrue(generator.description().startsWith("Generate safe database migrations"), generator.description());
    }
}
