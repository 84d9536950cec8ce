package io.schemapilot.agent.skill;

import io.schemapilot.agent.CopyCheck;
import io.schemapilot.agent.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The skills shipped in skills/: all present, clean, linked correctly, with the facts they promise. */
class RepoSkillsTest {

    private static SkillCatalog catalog;

    @BeforeAll
    static void load() {
        List<SkillLoadResult> results = new SkillLoader().loadRoot(TestPaths.project("skills"));
        for (SkillLoadResult r : results) {
            assertTrue(r.ok(), r.source() + ": " + r.error());
            assertTrue(r.warnings().isEmpty(), r.source() + ": " + r.warnings());
        }
        catalog = SkillCatalog.of(results);
    }

    @Test
    void ships_the_nine_skills() {
        assertEquals(List.of("alembic-django", "data-checks", "drizzle", "expand-contract", "flyway", "instantdb", "knex",
                "postgresql-locking", "prisma"), catalog.skills().stream().map(Skill::name).toList());
        for (Skill s : catalog.skills()) {
            assertTrue(s.description().length() >= 100 && s.description().length() <= 1024, s.name());
        }
    }

    @Test
    void bodies_hold_the_facts_they_are_read_for() throws Exception {
        Map<String, List<String>> facts = Map.of(
                "postgresql-locking", List.of("ACCESS EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "lock_timeout", "55P03",
                        "pg_blocking_pids", "CONCURRENTLY", "indisvalid"),
                "expand-contract", List.of("NOT VALID", "VALIDATE CONSTRAINT", "USING INDEX", "SKIP LOCKED", "point of no return"),
                "data-checks", List.of("IS NULL", "HAVING count(*) > 1", "NOT EXISTS", "pg_input_is_valid", "TABLESAMPLE"),
                "instantdb", List.of("--rename", "delete-attr", "not atomic", "Exit 0 proves nothing", ".optional()"),
                "prisma", List.of("--create-only", "migrate diff", "migrate resolve --applied", "--rolled-back", "CONCURRENTLY"),
                "knex", List.of("exports.config = { transaction: false }", "disableTransactions", "migrate:rollback", "knex.raw"),
                "drizzle", List.of("drizzle-kit generate", "--custom", "statement-breakpoint", "push", "one transaction"),
                "alembic-django", List.of("op.execute", "autocommit_block()", "postgresql_concurrently=True", "atomic = False",
                        "AddIndexConcurrently", "sqlmigrate"),
                "flyway", List.of("executeInTransaction=false", ".sql.conf", "mixed=true", "flyway repair", "cleanDisabled"));
        for (Map.Entry<String, List<String>> e : facts.entrySet()) {
            String body = catalog.body(e.getKey());
            for (String fact : e.getValue()) {
                assertTrue(body.contains(fact), e.getKey() + " should mention " + fact);
            }
            assertTrue(body.lines().count() <= 500, e.getKey());
        }
    }

    @Test
    void links_to_references_resolve() throws Exception {
        Pattern link = Pattern.compile("\\]\\((references/[^)#]+)\\)");
        int links = 0;
        for (Skill s : catalog.skills()) {
            Matcher m = link.matcher(catalog.body(s.name()));
            while (m.find()) {
                links++;
                assertTrue(s.references().contains(m.group(1)), s.name() + " links a missing " + m.group(1));
                assertTrue(!catalog.reference(s.name(), m.group(1)).isBlank());
            }
        }
        assertTrue(links >= 3, "the skills link their references");
    }

    @Test
    void skills_are_written_in_our_own_words() throws Exception {
        assumeTrue(TestPaths.seedsPresent(), "seed folder not present: " + TestPaths.seeds());
        CopyCheck copy = new CopyCheck(TestPaths.seeds());
        try (Stream<Path> files = Files.walk(TestPaths.project("skills"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                List<String> copied = copy.copiedRuns(Files.readString(f));
                assertTrue(copied.isEmpty(), f + " repeats seed text: " + copied);
            }
        }
    }
}
