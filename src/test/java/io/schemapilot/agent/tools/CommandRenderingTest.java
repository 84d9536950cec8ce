package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.agent.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.schemapilot.agent.tools.ToolManifestLoaderTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandRenderingTest {

    private final ToolManifest echo = new ToolManifestLoader()
            .loadFile(TestPaths.resource("manifests/good/echo_args.yaml")).manifest();

    @Test
    void renders_words_groups_lists_flags_and_defaults() throws Exception {
        RenderedCommand c = echo.render(Map.of("word", "hi there", "pair", "two", "each", List.of("a", "b"),
                "all", List.of("x y", "z"), "flag", true));
        assertEquals(List.of("echo", "fixed", "hi there", "--pair", "two", "--each=a", "--each=b", "x y", "z",
                "--flag", "3", "x={literal}"), c.argv());
        assertEquals(Map.of("GREETING", "hello hi there"), c.environment());
        assertEquals(List.of("SOME_TOKEN"), c.inheritedEnvironment());
        assertEquals(Effect.READ, c.effect());
        assertEquals("echo_args", c.confirmTarget());
        assertEquals("echo fixed 'hi there' --pair two --each=a --each=b 'x y' z --flag 3 'x={literal}'", c.display());
    }

    @Test
    void leaves_out_words_and_groups_without_values() throws Exception {
        RenderedCommand c = echo.render(Map.of("word", "w", "flag", false, "each", List.of(), "count", 0));
        assertEquals(List.of("echo", "fixed", "w", "0", "x={literal}"), c.argv());
    }

    @Test
    void accepts_the_json_a_model_sends() throws Exception {
        RenderedCommand c = echo.render(new ObjectMapper().readTree("{\"word\":\"w\",\"count\":\"7\",\"flag\":\"true\",\"all\":\"single\"}"));
        assertEquals(List.of("echo", "fixed", "w", "single", "--flag", "7", "x={literal}"), c.argv());
    }

    @Test
    void refuses_values_that_would_be_read_as_options() {
        ToolArgumentException e = assertThrows(ToolArgumentException.class,
                () -> echo.render(Map.of("word", "--output=/etc/passwd", "all", List.of("ok", "-rf"))));
        assertContains(e.getMessage(), "'word' must not start with '-' (it would be read as an option): '--output=/etc/passwd'");
        assertContains(e.getMessage(), "'all[1]' must not start with '-'");
        assertEquals(2, e.problems().size());
    }

    @Test
    void names_every_problem_of_a_call() {
        Map<String, Object> args = new HashMap<>();
        args.put("pair", "three");
        args.put("each", List.of("ok", "NOT"));
        args.put("count", 11);
        args.put("flag", "maybe");
        args.put("bogus", 1);
        ToolArgumentException e = assertThrows(ToolArgumentException.class, () -> echo.render(args));
        assertEquals(List.of(
                "unknown argument 'bogus' (known: word, pair, each, all, flag, count, dashy)",
                "missing required argument 'word'",
                "'pair' must be one of [one, two], not 'three'",
                "'each[1]' must match ^[a-z]+$, not 'NOT'",
                "'flag' must be true or false",
                "'count' must be at most 10"), e.problems());
        assertTrue(e.getMessage().startsWith("invalid arguments for echo_args: unknown argument 'bogus'"));
    }

    @Test
    void an_argument_may_allow_a_leading_dash_and_lists_have_limits() throws Exception {
        assertEquals("echo", echo.render(Map.of("word", "w", "dashy", "-x")).argv().get(0)); // x-allow-dash
        ToolArgumentException e = assertThrows(ToolArgumentException.class,
                () -> echo.render(Map.of("word", "w", "all", List.of("a", "b", "c", "d"))));
        assertEquals(List.of("'all' must have at most 3 items"), e.problems());
    }

    @Test
    void confirmation_target_comes_from_the_arguments() throws Exception {
        ToolManifest m = new ToolManifestLoader().loadFile(TestPaths.resource("manifests/good/needs_confirm.yaml")).manifest();
        RenderedCommand c = m.render(Map.of("target", "shop"));
        assertEquals("db:shop", c.confirmTarget());
        assertTrue(c.effect().needsConfirmation());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void runs_without_a_shell_so_metacharacters_stay_literal() throws Exception {
        String nasty = "x; rm -rf ~ && $(reboot) `id` | cat > /tmp/owned *";
        RenderedCommand c = echo.render(Map.of("word", nasty));
        Map<String, String> parent = new HashMap<>(System.getenv());
        parent.put("SOME_TOKEN", "secret-token");
        parent.put("UNRELATED_SECRET", "do-not-leak");
        ProcessBuilder pb = c.toProcessBuilder(null, parent);
        assertEquals("secret-token", pb.environment().get("SOME_TOKEN"));
        assertEquals("hello " + nasty, pb.environment().get("GREETING"));
        assertTrue(!pb.environment().containsKey("UNRELATED_SECRET"));
        Process p = pb.redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals("fixed " + nasty + " 3 x={literal}", out);
        assertEquals(0, p.exitValue());
    }

    @Test
    void missing_arguments_object_is_an_empty_call() {
        ToolArgumentException e = assertThrows(ToolArgumentException.class, () -> echo.render((Map<String, ?>) null));
        assertEquals(List.of("missing required argument 'word'"), e.problems());
        assertThrows(ToolArgumentException.class, () -> echo.render(new ObjectMapper().readTree("[1]")));
    }
}
