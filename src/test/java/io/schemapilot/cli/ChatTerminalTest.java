package io.schemapilot.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schemapilot chat} in a real pseudo-terminal: tmux runs the CLI (this build's classes) and the test types
 * into it and reads the screen. Skipped when tmux is not installed (.ci/run installs it).
 */
class ChatTerminalTest {

    @TempDir
    Path project;

    private final String session = "sp-chat-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void killSession() throws Exception {
        tmux(List.of("kill-session", "-t", session));
    }

    @Test
    void chatPlansAMigrationInARealTerminal() throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed (apt-get install tmux); .ci/run installs it");
        Path examples = Path.of("examples").toAbsolutePath();
        Files.createDirectories(project.resolve("examples/migrations"));
        Files.copy(examples.resolve("schema.sql"), project.resolve("examples/schema.sql"));
        Files.copy(examples.resolve("migrations/V9__users_phone_not_null.sql"),
                project.resolve("examples/migrations/V9__users_phone_not_null.sql"));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path script = project.resolve("run-chat.sh");
        // the repository's prompts/ (the build folder may be outside it, e.g. -Dsp.buildDir=/tmp/...)
        Files.writeString(script, "#!/bin/sh\ncd '" + project + "'\nexport " + io.schemapilot.agent.Resources.HOME_ENV
                + "='" + Path.of("").toAbsolutePath() + "'\n'" + java + "' -XX:TieredStopAtLevel=1 -cp '" + cp
                + "' -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.schemapilot.cli.Main chat --project '" + project
                + "' 2>>'" + project + "/chat.err'\necho \"EXIT=$?\"\nsleep 60\n");
        script.toFile().setExecutable(true);
        tmux(List.of("new-session", "-d", "-s", session, "-x", "140", "-y", "45", script.toString()));

        waitFor("/help for commands", 60);
        send("/he", "Tab", "Enter");
        waitFor("/persona NAME", 15);

        send("plan examples/migrations/V9__users_phone_not_null.sql against examples/schema.sql", "Enter");
        String screen = waitFor("plan submitted", 120);
        assertTrue(screen.contains("check_migration"), screen);

        send("clear", "Enter");   // a plain message after the plan: the offline model answers honestly
        send("/plan", "Enter");
        waitFor("EXECUTION STEPS", 20);

        send("C-d");
        String end = waitFor("EXIT=", 20);
        assertTrue(end.contains("EXIT=0"), end);
        assertTrue(Files.exists(project.resolve(".schemapilot/chat-history")), "history file written");
        try (var files = Files.list(project.resolve(".schemapilot/transcripts"))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".jsonl")), "transcript written");
        }
    }

    private void send(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", session));
        for (String k : keys) {
            cmd.add(k);
        }
        tmux(cmd);
        Thread.sleep(300);
    }

    private String waitFor(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux(List.of("capture-pane", "-p", "-S", "-200", "-t", session));
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(250);
        }
        String err = Files.exists(project.resolve("chat.err"))
                ? Files.readString(project.resolve("chat.err"), StandardCharsets.UTF_8) : "";
        throw new AssertionError("'" + text + "' did not appear within " + seconds + " s; screen:\n" + screen
                + "\nstderr:\n" + err);
    }

    private static boolean tmuxInstalled() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String tmux(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("tmux");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
