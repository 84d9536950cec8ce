package io.schemapilot.agent.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which model to use and how to reach it, from (highest first) the {@code --model} flag, {@code SCHEMAPILOT_MODEL},
 * the project's {@code .schemapilot.yaml}, the user's {@code ~/.config/schemapilot/config.yaml}
 * ({@code $XDG_CONFIG_HOME/schemapilot/config.yaml} when set), and finally {@code offline}. The format of the files
 * is described on {@link ModelConfig}; the project file wins over the user file key by key.
 *
 * <p>Base URLs come from {@code OPENAI_BASE_URL}, {@code ANTHROPIC_BASE_URL}, {@code OLLAMA_HOST} first, then the
 * files, then the public endpoints. API keys only ever come from the environment: the variable named by the
 * provider's {@code api_key_env} ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY} by default).
 *
 * <p>The environment is a map given by the caller (the CLI passes its {@code CliEnv}); this class never reads the
 * process environment itself.
 */
public final class ModelSettings {

    /** The environment variable that chooses the model. */
    public static final String MODEL_ENV = "SCHEMAPILOT_MODEL";
    /** The project config file, looked for in the project directory and its parents up to the git root. */
    public static final String PROJECT_FILE = ".schemapilot.yaml";
    /** What {@code model: inherit} in a persona means: the session's model. */
    public static final String INHERIT = "inherit";

    /** Claude Code's model tiers, as Anthropic model ids; the config's {@code aliases} override them. */
    public static final Map<String, String> BUILT_IN_ALIASES = Map.of(
            "opus", "anthropic:claude-opus-4-1",
            "sonnet", "anthropic:claude-sonnet-4-5",
            "haiku", "anthropic:claude-haiku-4-5");

    private final Map<String, String> env;
    private final ModelConfig config;
    private final ModelConfig userLayer;
    private final ModelConfig projectLayer;
    private final List<Path> sources;
    private final Map<String, String> aliases;
    private final PriceTable prices;
    private final RetryPolicy retry;

    private ModelSettings(Map<String, String> env, ModelConfig user, ModelConfig project) {
        this.env = Map.copyOf(withoutNulls(env));
        this.userLayer = user;
        this.projectLayer = project;
        this.config = project.over(user);
        List<Path> s = new ArrayList<>();
        if (user.source() != null) {
            s.add(user.source());
        }
        if (project.source() != null) {
            s.add(project.source());
        }
        this.sources = List.copyOf(s);
        Map<String, String> a = new LinkedHashMap<>(BUILT_IN_ALIASES);
        a.putAll(config.aliases());
        this.aliases = Map.copyOf(a);
        this.prices = PriceTable.withOverrides(config.prices());
        RetryPolicy r = RetryPolicy.DEFAULT;
        if (config.retryMaxAttempts() != null) {
            r = r.withMaxAttempts(config.retryMaxAttempts());
        }
        if (config.retryMaxWait() != null) {
            r = r.withMaxTotalWait(config.retryMaxWait());
        }
        if (config.retryInitialDelay() != null) {
            r = r.withInitialDelay(config.retryInitialDelay());
        }
        this.retry = r;
        // fail early on a config model that cannot be read, naming the file
        if (config.model() != null) {
            try {
                parseModel(config.model());
            } catch (IllegalArgumentException e) {
                Path where = configModelSource();
                throw new IllegalArgumentException((where == null ? "config" : where) + ": model: " + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * Reads the user's config and the project's (either may be missing).
     *
     * @param env        the environment variables
     * @param projectDir where to look for {@code .schemapilot.yaml} (and up to the git root); null for none
     * @throws IllegalArgumentException when a config file is not valid (the message names the file and key)
     */
    public static ModelSettings load(Map<String, String> env, Path projectDir) {
        Path user = userConfigPath(env);
        Path project = projectConfigPath(projectDir);
        return new ModelSettings(env, ModelConfig.read(user), ModelConfig.read(project));
    }

    /** No config files: the environment and the built-in defaults only. */
    public static ModelSettings fromEnv(Map<String, String> env) {
        return new ModelSettings(env, ModelConfig.EMPTY, ModelConfig.EMPTY);
    }

    /** From config texts (YAML) instead of files, e.g. for tests; either may be null. */
    public static ModelSettings fromYaml(Map<String, String> env, String userYaml, String projectYaml) {
        return new ModelSettings(env, ModelConfig.parse(userYaml, null), ModelConfig.parse(projectYaml, null));
    }

    /**
     * {@code $XDG_CONFIG_HOME/schemapilot/config.yaml} when that variable holds an absolute path, else
     * {@code $HOME/.config/schemapilot/config.yaml} ({@code USERPROFILE} on Windows); null when neither is set.
     */
    public static Path userConfigPath(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "schemapilot", "config.yaml");
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = env.get("USERPROFILE");
        }
        if (home == null || home.isBlank()) {
            return null;
        }
        return Paths.get(home, ".config", "schemapilot", "config.yaml");
    }

    /** The nearest {@code .schemapilot.yaml} from {@code dir} up to the directory that holds {@code .git}; or null. */
    public static Path projectConfigPath(Path dir) {
        if (dir == null) {
            return null;
        }
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path f = d.resolve(PROJECT_FILE);
            if (Files.isRegularFile(f)) {
                return f;
            }
            if (Files.exists(d.resolve(".git"))) {
                return null;
            }
        }
        return null;
    }

    /**
     * The session's model.
     *
     * @param modelFlag the {@code --model} value (an alias or provider:name), or null
     * @throws IllegalArgumentException when the chosen value cannot be read; the message says where it came from
     */
    public ModelChoice resolve(String modelFlag) {
        if (modelFlag != null && !modelFlag.isBlank()) {
            return new ModelChoice(parseModel(modelFlag), ModelChoice.FLAG, null);
        }
        String fromEnv = env.get(MODEL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                return new ModelChoice(parseModel(fromEnv), MODEL_ENV, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(MODEL_ENV + ": " + e.getMessage(), e);
            }
        }
        if (config.model() != null) {
            Path where = configModelSource();
            return new ModelChoice(parseModel(config.model()), where == null ? "config" : where.toString(), null);
        }
        return new ModelChoice(ModelSpec.OFFLINE, ModelChoice.DEFAULT, null);
    }

    /** The file the config's {@code model:} came from. */
    private Path configModelSource() {
        return projectLayer.model() != null ? projectLayer.source() : userLayer.source();
    }

    /**
     * A model named by a user: an alias ({@code sonnet}, from {@link #aliases()}), {@code provider:name},
     * {@code offline}, or a bare well-known id ({@code claude-...} is Anthropic; {@code gpt-...}, {@code o1},
     * {@code o3}, {@code o4-...} are OpenAI).
     *
     * @throws IllegalArgumentException for anything else, saying what to write
     */
    public ModelSpec parseModel(String text) {
        if (text == null || text.isBlank()) {
            return ModelSpec.parse(text);
        }
        String s = text.strip();
        for (int i = 0; i < 5; i++) {
            String target = aliases.get(s.toLowerCase(Locale.ROOT));
            if (target == null) {
                break;
            }
            s = target;
        }
        if (s.indexOf(':') < 0 && Provider.fromId(s) == null) {
            Provider guess = guessProvider(s);
            if (guess != null) {
                return ModelSpec.of(guess, s);
            }
        }
        return ModelSpec.parse(s);
    }

    /**
     * The model a persona runs on. {@code model:} null, blank or {@code inherit} means the session's. The session's
     * model also wins when the user chose it with {@code --model}, and when it is {@code offline} (the offline
     * default must keep working with no key and no network). Otherwise the persona's alias or id is used, unless
     * its provider has no API key here: then the session's model is kept, with a warning. A bare name that is no
     * alias and no well-known id is taken as a model of the session's provider when that is a local server
     * (Ollama, OpenAI-compatible with its own base URL); elsewhere the session's model is kept, with a warning.
     *
     * @param personaModel the persona's {@code model:} field
     * @param session      the session's choice ({@link #resolve})
     */
    public ModelChoice forPersona(String personaModel, ModelChoice session) {
        if (personaModel == null || personaModel.isBlank() || personaModel.strip().equalsIgnoreCase(INHERIT)) {
            return session;
        }
        if (ModelChoice.FLAG.equals(session.source()) || session.spec().isOffline()) {
            return session;
        }
        ModelSpec wanted;
        try {
            wanted = parseModel(personaModel);
        } catch (IllegalArgumentException e) {
            // a bare name: on a local server (Ollama, an OpenAI-compatible base URL) it may well be a model there
            Provider sp = session.spec().provider();
            boolean local = sp == Provider.OLLAMA || sp == Provider.OPENAI && !provider(sp).isDefaultEndpoint();
            if (personaModel.indexOf(':') >= 0 || !local) {
                return session.withWarning("persona asks for model '" + personaModel.strip()
                        + "', which is neither an alias nor provider:name; using " + session.spec().id());
            }
            wanted = ModelSpec.of(sp, personaModel.strip());
        }
        if (wanted.equals(session.spec())) {
            return session;
        }
        String missing = missingKey(wanted);
        if (missing != null) {
            return session.withWarning("persona asks for '" + personaModel.strip() + "' (" + wanted.id() + ") but "
                    + missing + " is not set; using " + session.spec().id());
        }
        return new ModelChoice(wanted, ModelChoice.PERSONA, null);
    }

    /** How to reach {@code provider}, everything merged. */
    public ProviderSettings provider(Provider provider) {
        if (provider == Provider.OFFLINE) {
            return new ProviderSettings(provider, null, null, ProviderSettings.DEFAULT_TIMEOUT, null);
        }
        ModelConfig.ProviderLayer layer = config.providers().get(provider);
        String baseUrl = env.get(provider.baseUrlEnv());
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = layer == null ? null : layer.baseUrl();
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = provider.defaultBaseUrl();
        }
        baseUrl = provider == Provider.OLLAMA ? ollamaUrl(baseUrl)
                : provider == Provider.ANTHROPIC ? anthropicUrl(baseUrl) : stripSlash(baseUrl.strip());
        String keyEnv = layer != null && layer.apiKeyEnv() != null ? layer.apiKeyEnv() : provider.defaultKeyEnv();
        Duration timeout = layer != null && layer.timeout() != null ? layer.timeout()
                : config.timeout() != null ? config.timeout() : ProviderSettings.DEFAULT_TIMEOUT;
        Integer maxTokens = layer != null && layer.maxTokens() != null ? layer.maxTokens() : config.maxTokens();
        if (maxTokens == null && provider == Provider.ANTHROPIC) {
            maxTokens = ProviderSettings.DEFAULT_ANTHROPIC_MAX_TOKENS;
        }
        return new ProviderSettings(provider, baseUrl, keyEnv, timeout, maxTokens);
    }

    /** The API key for {@code provider} from its {@code api_key_env} variable, or null when unset or blank. */
    public String apiKey(Provider provider) {
        String name = provider(provider).apiKeyEnv();
        if (name == null) {
            return null;
        }
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /**
     * Checks that {@code spec} can be used here: Anthropic always needs a key, OpenAI needs one for its public
     * endpoint (a local OpenAI-compatible server with its own base URL may do without).
     *
     * @throws ModelException of kind {@code AUTH} naming the variable to set (exit code 3)
     */
    public void requireCredentials(ModelSpec spec) {
        String missing = missingKey(spec);
        if (missing != null) {
            throw new ModelException(ModelException.Kind.AUTH, missing + " is not set: export " + missing
                    + " with your " + spec.provider().id() + " API key to use " + spec.id()
                    + ", or choose another model with --model (offline needs no key)", null, 0, null);
        }
    }

    /** The variable that must be set for {@code spec} but is not, or null. */
    private String missingKey(ModelSpec spec) {
        Provider p = spec.provider();
        if (p != Provider.OPENAI && p != Provider.ANTHROPIC) {
            return null;
        }
        ProviderSettings ps = provider(p);
        if (p == Provider.OPENAI && !ps.isDefaultEndpoint()) {
            return null;
        }
        return apiKey(p) == null ? ps.apiKeyEnv() : null;
    }

    /** Alias to model, lower-case keys: the built-in ones with the config's on top. */
    public Map<String, String> aliases() {
        return aliases;
    }

    public PriceTable prices() {
        return prices;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** The config files that were read, user first. */
    public List<Path> sources() {
        return sources;
    }

    /** The environment this was built from (for {@link ModelFactory}). */
    Map<String, String> env() {
        return env;
    }

    private static Provider guessProvider(String id) {
        String s = id.toLowerCase(Locale.ROOT);
        if (s.startsWith("claude")) {
            return Provider.ANTHROPIC;
        }
        if (s.startsWith("gpt-") || s.startsWith("chatgpt") || s.matches("o[1-9](-.*)?")) {
            return Provider.OPENAI;
        }
        return null;
    }

    /** {@code OLLAMA_HOST} values like {@code localhost:11434} or {@code 0.0.0.0} as a URL. */
    static String ollamaUrl(String host) {
        String h = stripSlash(host.strip());
        if (!h.contains("://")) {
            h = "http://" + h;
        }
        String rest = h.substring(h.indexOf("://") + 3);
        if (!rest.contains(":") && !rest.contains("/")) {
            h = h + ":11434";
        }
        return h;
    }

    /**
     * Anthropic's SDKs and Claude Code read {@code ANTHROPIC_BASE_URL} without the {@code /v1}
     * ({@code https://gateway.example}); LangChain4j wants it with. Both are accepted.
     */
    static String anthropicUrl(String url) {
        String u = stripSlash(url.strip());
        return u.endsWith("/v1") ? u : u + "/v1";
    }

    static String stripSlash(String s) {
        if (s == null) {
            return null;
        }
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static Map<String, String> withoutNulls(Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        if (env != null) {
            env.forEach((k, v) -> {
                if (k != null && v != null) {
                    m.put(k, v);
                }
            });
        }
        return m;
    }
}
