package io.schemapilot.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourcesTest {

    @TempDir
    Path tmp;

    private Path home(String name) throws Exception {
        Path h = tmp.resolve(name);
        Files.createDirectories(h.resolve("prompts"));
        Files.createDirectories(h.resolve("skills"));
        return h;
    }

    @Test
    void the_environment_variable_wins() throws Exception {
        Path explicit = home("explicit");
        Path installed = home("installed");
        Resources r = Resources.locate(Map.of(Resources.HOME_ENV, explicit.toString()), tmp,
                installed.resolve("target/schemapilot.jar"));
        assertEquals(Resources.Origin.ENVIRONMENT, r.origin());
        assertEquals(explicit.resolve("prompts"), r.prompts().orElseThrow());
        assertEquals(explicit.resolve("skills"), r.skills().orElseThrow());
        assertTrue(r.tools().isEmpty(), "a folder that does not exist is absent");
        assertTrue(r.describe().contains(Resources.HOME_ENV), r.describe());
    }

    @Test
    void a_relative_environment_value_is_taken_from_the_working_directory() throws Exception {
        home("rel");
        Resources r = Resources.locate(Map.of(Resources.HOME_ENV, "rel"), tmp, null);
        assertEquals(tmp.resolve("rel").toAbsolutePath().normalize(), r.home().orElseThrow());
    }

    @Test
    void an_environment_value_that_is_not_a_directory_is_an_error() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resources.locate(Map.of(Resources.HOME_ENV, tmp.resolve("nope").toString()), tmp, null));
        assertTrue(e.getMessage().startsWith("SCHEMAPILOT_HOME="), e.getMessage());
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void the_installation_is_found_from_the_jar_or_the_class_folder() throws Exception {
        Path installed = home("installed");
        Files.createDirectories(installed.resolve("target/classes"));
        Path jar = Files.createFile(installed.resolve("target/schemapilot.jar"));
        Resources fromJar = Resources.locate(Map.of(), tmp, jar);
        assertEquals(Resources.Origin.INSTALLATION, fromJar.origin());
        assertEquals(installed.toAbsolutePath().normalize(), fromJar.home().orElseThrow());
        Resources fromClasses = Resources.locate(Map.of(), tmp, installed.resolve("target/classes"));
        assertEquals(installed.toAbsolutePath().normalize(), fromClasses.home().orElseThrow());
    }

    @Test
    void the_working_directory_is_the_last_resort_and_none_is_fine() throws Exception {
        Path cwd = home("cwd");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/lib"));
        Resources r = Resources.locate(Map.of(), cwd, elsewhere.resolve("x.jar"));
        assertEquals(Resources.Origin.WORKING_DIRECTORY, r.origin());
        assertEquals(cwd.toAbsolutePath().normalize(), r.home().orElseThrow());

        Resources none = Resources.locate(Map.of(Resources.HOME_ENV, " "), elsewhere, elsewhere.resolve("x.jar"));
        assertEquals(Resources.Origin.NONE, none.origin());
        assertTrue(none.home().isEmpty());
        assertTrue(none.prompts().isEmpty());
        assertTrue(none.describe().contains("set SCHEMAPILOT_HOME"), none.describe());
    }

    @Test
    void this_build_finds_the_projects_own_folders() {
        Resources r = Resources.locate(Map.of(), TestPaths.basedir());
        assertTrue(r.prompts().isPresent(), r.describe());
        assertTrue(Files.isRegularFile(r.prompts().orElseThrow().resolve("default.md")), r.describe());
        assertTrue(r.skills().isPresent() && r.tools().isPresent(), r.describe());
    }
}
