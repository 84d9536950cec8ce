package io.schemapilot.agent.runtime;

import io.schemapilot.agent.Resources;
import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.loop.AgentTools;
import io.schemapilot.agent.loop.DirectModelCaller;
import io.schemapilot.agent.loop.ModelCaller;
import io.schemapilot.agent.loop.SystemPrompt;
import io.schemapilot.agent.model.ModelChoice;
import io.schemapilot.agent.model.ModelFactory;
import io.schemapilot.agent.model.ModelSettings;
import io.schemapilot.agent.offline.OfflineChatModel;
import io.schemapilot.agent.persona.Persona;
import io.schemapilot.agent.persona.PersonaCatalog;
import io.schemapilot.agent.persona.PersonaLoader;
import io.schemapilot.agent.skill.Skill;
import io.schemapilot.agent.skill.SkillCatalog;
import io.schemapilot.agent.skill.SkillLoader;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.KnownTools;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolOutcome;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.agent.tools.builtin.BuiltinTools;
import io.schemapilot.agent.tools.builtin.PlanMemory;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an agent session from what a front door was given: the persona (built-in {@code prompts/},
 * {@code .claude/agents/}, {@code --personas}), its skills, the tools it may call behind the confirmation gate, the
 * model ({@code --model}, {@code SCHEMAPILOT_MODEL}, config; offline by default) and the tool context. {@code ask}
 * and {@code chat} both use it, so they behave alike.
 */
public final class AgentRuntime {

    /** What may run without asking: {@code read-only} tools (the default), or {@code none} at all. */
    public enum Approve {
        NONE, READ_ONLY;

        public static Approve parse(String s) {
            if (s == null) {
                return READ_ONLY;
            }
            switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "none":
                    return NONE;
                case "read-only":
                case "readonly":
                case "read_only":
                    return READ_ONLY;
                default:
                    throw new IllegalArgumentException("--approve: unknown mode '" + s + "'; use none or read-only");
            }
        }
    }

    /**
     * @param projectRoot    the project the tools work in
     * @param env            the environment (keys, SCHEMAPILOT_MODEL, SCHEMAPILOT_HOME, ...)
     * @param personaName    the persona to use (null: {@code default})
     * @param personaDirs    extra persona files or folders ({@code --personas})
     * @param modelFlag      {@code --model}, or null
     * @param target         the current schema for the tools
     * @param approve        what runs without asking
     * @param confirmTargets {@code --confirm NAME} values
     * @param yes            {@code --yes} (never confirms a destructive tool)
     * @param maxTurns       {@code --max-turns}, or null for the persona's (else 24)
     * @param stream         stream the model's answer (text deltas as events)
     */
    public record Options(Path projectRoot, Map<String, String> env, String personaName, List<Path> personaDirs,
                          String modelFlag, CatalogTarget.Source target, Approve approve, Set<String> confirmTargets,
                          boolean yes, Integer maxTurns, boolean stream) {
        public Options {
            projectRoot = projectRoot.toAbsolutePath().normalize();
            env = Map.copyOf(env);
            personaDirs = List.copyOf(personaDirs);
            target = target == null ? CatalogTarget.Source.none() : target;
            approve = approve == null ? Approve.READ_ONLY : approve;
            confirmTargets = Set.copyOf(confirmTargets);
        }
    }

    public static final int DEFAULT_MAX_TURNS = 24;

    private final Options options;
    private final Resources resources;
    private final PersonaCatalog personas;
    private final SkillCatalog skills;
    private final ToolRegistry allTools;
    private final PlanMemory memory = new PlanMemory();
    private final ModelSettings modelSettings;
    private final ModelChoice sessionModel;
    private final Gate gate = new Gate();
    private final ToolContext context;
    private final List<String> notes = new ArrayList<>();

    /** @throws IllegalArgumentException bad options (unknown persona, bad --model, bad config) */
    public AgentRuntime(Options options) {
        this.options = options;
        this.resources = Resources.locate(options.env(), options.projectRoot());
        this.skills = loadSkills();
        List<AgentTool> builtins = BuiltinTools.all(memory);
        List<Path> manifestDirs = new ArrayList<>();
        resources.tools().ifPresent(manifestDirs::add);
        manifestDirs.add(options.projectRoot().resolve(".schemapilot/tools"));
        this.allTools = ToolRegistry.load(builtins, manifestDirs);
        this.personas = loadPersonas();
        this.modelSettings = ModelSettings.load(options.env(), options.projectRoot());
        this.sessionModel = modelSettings.resolve(options.modelFlag());
        if (sessionModel.warning() != null) {
            notes.add(sessionModel.warning());
        }
        Path results = options.projectRoot().resolve(".schemapilot/results");
        this.context = new ToolContext(options.projectRoot(), options.target(), skills,
                new ConfirmationGate(options.confirmTargets(), options.yes(), gate), options.env(), results,
                ToolContext.Limits.DEFAULT);
    }

    private SkillCatalog loadSkills() {
        List<Path> roots = new ArrayList<>(SkillLoader.claudeSkillDirs(options.projectRoot(), null));
        resources.skills().ifPresent(roots::add);
        return new SkillLoader().loadRoots(roots);
    }

    private PersonaCatalog loadPersonas() {
        List<String> knownSkills = new ArrayList<>();
        for (Skill s : skills.skills()) {
            knownSkills.add(s.name());
        }
        List<String> knownTools = new ArrayList<>(KnownTools.BUILTIN);
        knownTools.addAll(allTools.names());
        List<Path> optional = new ArrayList<>(PersonaLoader.claudeAgentDirs(options.projectRoot(), null));
        resources.prompts().ifPresent(optional::add);
        for (Path p : options.personaDirs()) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("--personas " + p + ": no such file or folder");
            }
        }
        return new PersonaLoader(knownTools, knownSkills).loadRoots(options.personaDirs(), optional);
    }

    /** The persona called {@code name} (null: the default one). */
    public Persona persona(String name) {
        String wanted = name == null || name.isBlank() ? "default" : name.strip();
        return personas.find(wanted).orElseThrow(() -> new IllegalArgumentException("no persona named '" + wanted
                + "'; known: " + String.join(", ", personaNames())));
    }

    public List<String> personaNames() {
        List<String> names = new ArrayList<>();
        for (Persona p : personas.personas()) {
            names.add(p.name());
        }
        return names;
    }

    public PersonaCatalog personas() {
        return personas;
    }

    /** A session with the persona of the options. */
    public AgentSession session() {
        Persona p = persona(options.personaName());
        ModelCaller model = modelFor(p, sessionModel);
        return new AgentSession(p, systemPrompt(p), model, tools(p), maxTurns(p));
    }

    /** The model the session starts with (before a persona's {@code model:} is applied). */
    public ModelChoice sessionModel() {
        return sessionModel;
    }

    public ModelSettings modelSettings() {
        return modelSettings;
    }

    public String systemPrompt(Persona p) {
        return SystemPrompt.build(p, skills, options.projectRoot(), options.target());
    }

    public int maxTurns(Persona p) {
        if (options.maxTurns() != null) {
            return options.maxTurns();
        }
        return p.maxTurns() != null && p.maxTurns() > 0 ? p.maxTurns() : DEFAULT_MAX_TURNS;
    }

    /** The model for persona {@code p}: its {@code model:} alias when usable, else the session's. */
    public ModelCaller modelFor(Persona p, ModelChoice session) {
        ModelChoice choice = modelSettings.forPersona(p.model(), session);
        if (choice.warning() != null && !notes.contains(choice.warning())) {
            notes.add(choice.warning());
        }
        return caller(choice, p);
    }

    /**
     * A caller for {@code choice}: the offline model (following {@code persona}'s procedure), or a provider's
     * (credentials are checked here).
     */
    public ModelCaller caller(ModelChoice choice, Persona persona) {
        if (choice.isOffline()) {
            return new DirectModelCaller(new OfflineChatModel(persona::procedure, options.projectRoot()), "offline");
        }
        modelSettings.requireCredentials(choice.spec());
        ModelFactory factory = new ModelFactory(modelSettings);
        return new RemoteModelCaller(factory, choice.spec(), options.stream(),
                modelSettings.prices().priceFor(choice.spec()));
    }

    /** The tools persona {@code p} may call, behind the gate and the approval mode. */
    public AgentTools tools(Persona p) {
        ToolRegistry registry = allTools.forPersona(p);
        return new AgentTools() {
            @Override
            public List<ToolSpecification> specifications() {
                return registry.specifications();
            }

            @Override
            public Outcome call(String id, String name, String argumentsJson) {
                if (options.approve() == Approve.NONE) {
                    return Outcome.error("denied: this session runs with --approve none, so no tool may run;"
                            + " answer from what you know, and say what you would have checked");
                }
                ToolOutcome o = registry.execute(id, name, argumentsJson, context);
                AgentEvent.Confirmation c = o.confirmation() == null ? null : new AgentEvent.Confirmation(o.tool(),
                        o.confirmation().action(), o.confirmation().target(), o.confirmation().kind(),
                        o.confirmation().approved(), o.confirmation().how());
                return new Outcome(o.ok(), o.text(), o.data(), c);
            }
        };
    }

    /** All tools, for listings. */
    public ToolRegistry toolRegistry() {
        return allTools;
    }

    public SkillCatalog skills() {
        return skills;
    }

    public ToolContext context() {
        return context;
    }

    public Options options() {
        return options;
    }

    /** Things worth telling the user once (a persona's model could not be used, ...). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Lets a front door answer the gate's questions (chat: the user types the target's name). */
    public void prompter(ConfirmationGate.Prompter prompter) {
        gate.delegate = prompter;
    }

    /**
     * The gate's prompter: a front door may set one later (chat); until then (and in scripted runs) there is
     * nobody to ask, and unconfirmed requests are denied.
     */
    private static final class Gate implements ConfirmationGate.Prompter {
        volatile ConfirmationGate.Prompter delegate;

        @Override
        public String ask(ConfirmationGate.Request request) {
            ConfirmationGate.Prompter d = delegate;
            return d == null ? null : d.ask(request);
        }
    }
}
