package io.schemapilot.agent.model;

import io.schemapilot.testing.FakeSecrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which model is chosen, from where, and how each provider is reached. */
class ModelSettingsTest {

    @TempDir
    Path tmp;

    private Path home;
    private Path project;

    private Map<String, String> env(String... kv) throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        project = Files.createDirectories(tmp.resolve("work/app"));
        Files.createDirectories(tmp.resolve("work/.git"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    private void userConfig(String yaml) throws IOException {
        Path f = home.resolve(".config/schemapilot/config.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
    }

    private void projectConfig(String yaml) throws IOException {
        Files.writeString(tmp.resolve("work/.schemapilot.yaml"), yaml);
    }

    @Test
    void nothing_configured_is_offline() throws IOException {
        ModelChoice c = ModelSettings.load(env(), project).resolve(null);
        assertTrue(c.isOffline());
        assertEquals(ModelChoice.DEFAULT, c.source());
    }

    @Test
    void resolution_order_flag_env_project_user() throws IOException {
        Map<String, String> env = env(ModelSettings.MODEL_ENV, "anthropic:claude-haiku-4-5");
        userConfig("model: ollama:llama3.1\n");
        projectConfig("model: openai:gpt-4.1\n");
        ModelSettings s = ModelSettings.load(env, project);

        assertEquals("openai:gpt-4o", s.resolve("openai:gpt-4o").spec().id());
        assertEquals(ModelChoice.FLAG, s.resolve("openai:gpt-4o").source());
        assertEquals("anthropic:claude-haiku-4-5", s.resolve(null).spec().id());
        assertEquals(ModelSettings.MODEL_ENV, s.resolve(null).source());

        env.remove(ModelSettings.MODEL_ENV);
        ModelChoice fromProject = ModelSettings.load(env, project).resolve(null);
        assertEquals("openai:gpt-4.1", fromProject.spec().id());
        assertEquals(tmp.resolve("work/.schemapilot.yaml").toString(), fromProject.source());

        Files.delete(tmp.resolve("work/.schemapilot.yaml"));
        ModelChoice fromUser = ModelSettings.load(env, project).resolve(null);
        assertEquals("ollama:llama3.1", fromUser.spec().id());
        assertTrue(fromUser.source().endsWith("config.yaml"));
    }

    @Test
    void xdg_config_home_is_respected() throws IOException {
        Path xdg = Files.createDirectories(tmp.resolve("xdg/schemapilot"));
        Files.writeString(xdg.resolve("config.yaml"), "model: sonnet\n");
        Map<String, String> env = env("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
        userConfig("model: haiku\n"); // under HOME: ignored when XDG_CONFIG_HOME is set

        ModelSettings s = ModelSettings.load(env, project);

        assertEquals("anthropic:claude-sonnet-4-5", s.resolve(null).spec().id());
        assertEquals(xdg.resolve("config.yaml"), ModelSettings.userConfigPath(env));
    }

    @Test
    void the_project_file_is_not_looked_for_above_the_git_root() throws IOException {
        Map<String, String> env = env();
        Files.writeString(tmp.resolve(".schemapilot.yaml"), "model: openai:gpt-4o\n");
        assertNull(ModelSettings.projectConfigPath(project));
        assertTrue(ModelSettings.load(env, project).resolve(null).isOffline());
    }

    @Test
    void aliases_built_in_and_from_the_config() throws IOException {
        Map<String, String> env = env();
        userConfig("aliases:\n  opus: anthropic:claude-opus-4-0\n  fast: openai:gpt-4o-mini\n");
        projectConfig("aliases:\n  Fast: ollama:qwen2.5\n");
        ModelSettings s = ModelSettings.load(env, project);

        assertEquals("anthropic:claude-opus-4-0", s.parseModel("opus").id(), "config overrides a built-in alias");
        assertEquals("anthropic:claude-sonnet-4-5", s.parseModel("sonnet").id());
        assertEquals("anthropic:claude-haiku-4-5", s.parseModel("haiku").id());
        assertEquals("ollama:qwen2.5", s.parseModel("fast").id(), "the project wins over the user");
        assertEquals("anthropic:claude-3-7-sonnet-latest", s.parseModel("claude-3-7-sonnet-latest").id());
        assertEquals("openai:o3", s.parseModel("o3").id());
        assertEquals("anthropic:claude-opus-4-0", s.resolve("opus").spec().id(), "--model takes aliases too");
    }

    @Test
    void a_persona_alias_maps_through_the_aliases() throws IOException {
        Map<String, String> env = env("ANTHROPIC_API_KEY", "sk-ant-x", "OPENAI_API_KEY", "sk-x",
                ModelSettings.MODEL_ENV, "openai:gpt-4o");
        ModelSettings s = ModelSettings.load(env, project);
        ModelChoice session = s.resolve(null);

        assertEquals(session, s.forPersona(null, session));
        assertEquals(session, s.forPersona("inherit", session));
        ModelChoice opus = s.forPersona("opus", session);
        assertEquals("anthropic:claude-opus-4-1", opus.spec().id());
        assertEquals(ModelChoice.PERSONA, opus.source());
        assertEquals("anthropic:claude-sonnet-4-5", s.forPersona("claude-sonnet-4-5", session).spec().id());
        assertEquals("openai:gpt-4o-mini", s.forPersona("gpt-4o-mini", session).spec().id());
    }

    @Test
    void the_flag_and_offline_win_over_a_persona_model() throws IOException {
        ModelSettings s = ModelSettings.load(env("ANTHROPIC_API_KEY", "sk-ant-x", "OPENAI_API_KEY", "sk-x"), project);

        ModelChoice flag = s.resolve("openai:gpt-4o");
        assertEquals(flag, s.forPersona("opus", flag));
        ModelChoice offline = s.resolve(null);
        assertEquals(offline, s.forPersona("opus", offline), "no key, no network: offline stays offline");
    }

    @Test
    void a_persona_model_without_its_key_keeps_the_session_model_with_a_warning() throws IOException {
        ModelSettings s = ModelSettings.load(env("OPENAI_API_KEY", "sk-x", ModelSettings.MODEL_ENV, "openai:gpt-4o"),
                project);
        ModelChoice c = s.forPersona("opus", s.resolve(null));
        assertEquals("openai:gpt-4o", c.spec().id());
        assertEquals("persona asks for 'opus' (anthropic:claude-opus-4-1) but ANTHROPIC_API_KEY is not set; "
                + "using openai:gpt-4o", c.warning());
    }

    @Test
    void base_urls_from_the_environment_then_the_files_then_the_defaults() throws IOException {
        Map<String, String> env = env("OPENAI_BASE_URL", "http://vllm:8000/v1/", "OLLAMA_HOST", "gpu-box");
        userConfig("providers:\n  openai: {base_url: 'http://ignored/v1'}\n  anthropic: {base_url: 'http://proxy/v1'}\n");
        ModelSettings s = ModelSettings.load(env, project);

        assertEquals("http://vllm:8000/v1", s.provider(Provider.OPENAI).baseUrl());
        assertEquals("http://proxy/v1", s.provider(Provider.ANTHROPIC).baseUrl());
        assertEquals("http://gpu-box:11434", s.provider(Provider.OLLAMA).baseUrl());
        assertEquals("https://api.openai.com/v1", ModelSettings.fromEnv(Map.of()).provider(Provider.OPENAI).baseUrl());
        assertEquals("http://localhost:11434", ModelSettings.fromEnv(Map.of()).provider(Provider.OLLAMA).baseUrl());
        assertEquals("http://127.0.0.1:9999", ModelSettings.ollamaUrl("127.0.0.1:9999"));
        assertEquals("https://gateway.example/v1", ModelSettings.fromEnv(Map.of("ANTHROPIC_BASE_URL",
                "https://gateway.example/")).provider(Provider.ANTHROPIC).baseUrl(), "Anthropic SDK style, no /v1");
    }

    @Test
    void a_bare_persona_model_is_taken_on_a_local_server_only() throws IOException {
        ModelSettings s = ModelSettings.load(env("ANTHROPIC_API_KEY", "sk-ant-x"), project);

        ModelChoice onOllama = s.forPersona("mistral", s.resolve("ollama:llama3.1").withWarning(null));
        assertEquals("ollama:llama3.1", onOllama.spec().id(), "the --model flag wins");
        ModelChoice ollamaSession = new ModelChoice(ModelSpec.parse("ollama:llama3.1"), "config", null);
        assertEquals("ollama:mistral", s.forPersona("mistral", ollamaSession).spec().id());

        ModelChoice anthropicSession = new ModelChoice(ModelSpec.parse("anthropic:claude-haiku-4-5"), "config", null);
        ModelChoice kept = s.forPersona("mistral", anthropicSession);
        assertEquals(anthropicSession.spec(), kept.spec());
        assertTrue(kept.warning().contains("neither an alias nor provider:name"), kept.warning());
    }

    @Test
    void timeouts_max_tokens_and_key_variables_per_provider() throws IOException {
        Map<String, String> env = env("MY_KEY", "sk-mine");
        userConfig("""
                timeout: 90s
                max_tokens: 2000
                openai: {api_key_env: MY_KEY, timeout: 5m}
                anthropic: {max_tokens: 8192}
                """);
        projectConfig("providers: {openai: {timeout: 2m}}\n");
        ModelSettings s = ModelSettings.load(env, project);

        ProviderSettings openai = s.provider(Provider.OPENAI);
        assertEquals(Duration.ofMinutes(2), openai.timeout(), "project over user");
        assertEquals(Duration.ofSeconds(15), openai.connectTimeout());
        assertEquals("MY_KEY", openai.apiKeyEnv());
        assertEquals("sk-mine", s.apiKey(Provider.OPENAI));
        assertEquals(2000, openai.maxTokens());
        assertEquals(8192, s.provider(Provider.ANTHROPIC).maxTokens());
        assertEquals(Duration.ofSeconds(90), s.provider(Provider.ANTHROPIC).timeout());
        assertEquals(4096, ModelSettings.fromEnv(Map.of()).provider(Provider.ANTHROPIC).maxTokens());
        assertNull(ModelSettings.fromEnv(Map.of()).provider(Provider.OPENAI).maxTokens());
    }

    @Test
    void retry_settings() throws IOException {
        Map<String, String> env = env();
        userConfig("retry:\n  max_attempts: 6\n  max_wait: 2m\n");
        RetryPolicy p = ModelSettings.load(env, project).retry();
        assertEquals(6, p.maxAttempts());
        assertEquals(Duration.ofMinutes(2), p.maxTotalWait());
        assertEquals(RetryPolicy.DEFAULT.initialDelay(), p.initialDelay());
        assertEquals(Duration.ofSeconds(1), p.backoff(1));
        assertEquals(Duration.ofSeconds(4), p.backoff(3));
        assertEquals(Duration.ofSeconds(20), p.backoff(12), "capped at maxDelay");
    }

    @Test
    void a_missing_key_names_the_variable_to_set() throws IOException {
        ModelSettings s = ModelSettings.load(env(), project);

        ModelException e = assertThrows(ModelException.class,
                () -> s.requireCredentials(ModelSpec.parse("anthropic:claude-sonnet-4-5")));

        assertEquals(ModelException.Kind.AUTH, e.kind());
        assertEquals(3, e.exitCode());
        assertEquals(0, e.attempts());
        assertEquals("ANTHROPIC_API_KEY is not set: export ANTHROPIC_API_KEY with your anthropic API key to use "
                + "anthropic:claude-sonnet-4-5, or choose another model with --model (offline needs no key)",
                e.getMessage());
        ModelException viaFactory = assertThrows(ModelException.class,
                () -> new ModelFactory(s).chatModel(ModelSpec.parse("openai:gpt-4o")));
        assertTrue(viaFactory.getMessage().startsWith("OPENAI_API_KEY is not set"), viaFactory.getMessage());
    }

    @Test
    void a_blank_key_counts_as_missing_and_offline_or_ollama_need_none() throws IOException {
        ModelSettings s = ModelSettings.load(env("OPENAI_API_KEY", "  "), project);
        assertThrows(ModelException.class, () -> s.requireCredentials(ModelSpec.parse("openai:gpt-4o")));
        s.requireCredentials(ModelSpec.OFFLINE);
        s.requireCredentials(ModelSpec.parse("ollama:llama3.1"));
    }

    @Test
    void config_errors_name_the_file_and_the_key() throws IOException {
        Map<String, String> env = env();
        userConfig("model: gemini:pro\n");
        IllegalArgumentException badModel = assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.load(env, project));
        assertTrue(badModel.getMessage().contains("config.yaml: model: unknown model provider 'gemini'"),
                badModel.getMessage());

        userConfig("retry: {max_attempts: zero}\n");
        IllegalArgumentException badRetry = assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.load(env, project));
        assertTrue(badRetry.getMessage().endsWith("retry.max_attempts must be a whole number"), badRetry.getMessage());

        userConfig("timeout: [1, 2\n");
        IllegalArgumentException badYaml = assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.load(env, project));
        assertTrue(badYaml.getMessage().contains("not valid YAML"), badYaml.getMessage());
    }

    @Test
    void a_key_written_into_the_config_is_refused_without_echoing_it() throws IOException {
        Map<String, String> env = env();
        userConfig("openai:\n  api_key: " + FakeSecrets.openAiKey("live") + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.load(env, project));
        assertTrue(e.getMessage().contains("api_key_env"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-live"), e.getMessage());

        userConfig("openai:\n  api_key_env: " + FakeSecrets.openAiKey("live") + "\n");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.load(env, project));
        assertFalse(e2.getMessage().contains("sk-live"), e2.getMessage());
    }

    @Test
    void other_keys_in_the_file_are_left_alone() throws IOException {
        Map<String, String> env = env();
        userConfig("database: {url: postgres://localhost/app}\nmodel: haiku\nprices: {'openai:mine': {input: 1, output: 2}}\n");
        ModelSettings s = ModelSettings.load(env, project);
        assertEquals("anthropic:claude-haiku-4-5", s.resolve(null).spec().id());
        assertEquals(new Price(1, 2), s.prices().priceFor(ModelSpec.parse("openai:mine")));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), ModelConfig.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(90), ModelConfig.parseDuration("90"));
        assertEquals(Duration.ofSeconds(90), ModelConfig.parseDuration("1.5m"));
        assertEquals(Duration.ofSeconds(90), ModelConfig.parseDuration("PT90S"));
        assertEquals(Duration.ofHours(1), ModelConfig.parseDuration("1h"));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.parseDuration("soon"));
    }
}
